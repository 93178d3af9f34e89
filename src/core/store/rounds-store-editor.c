/* rounds-store-editor.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rounds-editor-rules.h"
#include "rounds-network-limits.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-store-private.h"

/* ------------------------------------------------------------------ */
/* Boxed types                                                         */

G_DEFINE_BOXED_TYPE (RoundsPostMedia, rounds_post_media,
                     rounds_post_media_copy, rounds_post_media_free)
G_DEFINE_BOXED_TYPE (RoundsAuthorization, rounds_authorization,
                     rounds_authorization_copy, rounds_authorization_free)
G_DEFINE_BOXED_TYPE (RoundsFindingAck, rounds_finding_ack,
                     rounds_finding_ack_copy, rounds_finding_ack_free)

RoundsPostMedia *
rounds_post_media_new (const char *path,
                       const char *alt_text,
                       gboolean    shows_patient)
{
  RoundsPostMedia *self = g_new0 (RoundsPostMedia, 1);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  self->alt_text = g_strdup (alt_text ? alt_text : "");
  self->shows_patient = !!shows_patient;
  return self;
}

RoundsPostMedia *
rounds_post_media_copy (const RoundsPostMedia *self)
{
  RoundsPostMedia *copy = rounds_post_media_new (self->path, self->alt_text, self->shows_patient);

  copy->id = self->id;
  return copy;
}

void
rounds_post_media_free (RoundsPostMedia *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->alt_text);
  g_free (self);
}

/**
 * rounds_post_media_dup_problem:
 * @media: (element-type RoundsPostMedia)
 *
 * Alt text is required: an image nobody described cannot go to review.
 *
 * Returns: (nullable): what is missing, or %NULL.
 */
char *
rounds_post_media_dup_problem (GPtrArray *media)
{
  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      const RoundsPostMedia *m = g_ptr_array_index (media, i);
      g_autofree char *alt = g_strstrip (g_strdup (m->alt_text));

      if (alt[0] == '\0')
        /* TRANSLATORS: %u is the image's position, 1 for the first */
        return g_strdup_printf (_("Describe image %u for people who cannot see it"), i + 1);
    }

  return NULL;
}

/**
 * rounds_networks_dup_media_problem:
 * @networks: where the post goes
 * @n_media: how many images it has
 *
 * Instagram has no text-only posts: a post for Instagram without an
 * image cannot go there.
 *
 * Returns: (nullable): what is missing, or %NULL.
 */
char *
rounds_networks_dup_media_problem (RoundsNetwork networks,
                                   guint         n_media)
{
  if ((networks & ROUNDS_NETWORK_INSTAGRAM) != 0 && n_media == 0)
    return g_strdup (_("Instagram needs an image"));
  return NULL;
}

RoundsAuthorization *
rounds_authorization_new (const char *signed_by,
                          const char *signed_on,
                          const char *scope)
{
  RoundsAuthorization *self = g_new0 (RoundsAuthorization, 1);

  self->signed_by = g_strdup (signed_by ? signed_by : "");
  self->signed_on = g_strdup (signed_on ? signed_on : "");
  self->scope = g_strdup (scope ? scope : "");
  return self;
}

RoundsAuthorization *
rounds_authorization_copy (const RoundsAuthorization *self)
{
  return rounds_authorization_new (self->signed_by, self->signed_on, self->scope);
}

void
rounds_authorization_free (RoundsAuthorization *self)
{
  if (self == NULL)
    return;
  g_free (self->signed_by);
  g_free (self->signed_on);
  g_free (self->scope);
  g_free (self);
}

/**
 * rounds_authorization_validate:
 *
 * A patient authorization names who signed, the date (YYYY-MM-DD, a real
 * date) and what it covers.
 */
gboolean
rounds_authorization_validate (const RoundsAuthorization  *self,
                               GError                    **error)
{
  int y, m, d;
  char extra;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->signed_by == NULL || self->signed_by[strspn (self->signed_by, " \t\n")] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter who signed the authorization"));
      return FALSE;
    }
  if (self->signed_on == NULL ||
      sscanf (self->signed_on, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the date it was signed as YYYY-MM-DD"));
      return FALSE;
    }
  if (self->scope == NULL || self->scope[strspn (self->scope, " \t\n")] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter what the authorization covers"));
      return FALSE;
    }

  return TRUE;
}

RoundsFindingAck *
rounds_finding_ack_copy (const RoundsFindingAck *self)
{
  RoundsFindingAck *copy = g_new0 (RoundsFindingAck, 1);

  copy->rule = g_strdup (self->rule);
  copy->span_sha256 = g_strdup (self->span_sha256);
  copy->reason = g_strdup (self->reason);
  copy->actor = g_strdup (self->actor);
  copy->at = self->at;
  return copy;
}

void
rounds_finding_ack_free (RoundsFindingAck *self)
{
  if (self == NULL)
    return;
  g_free (self->rule);
  g_free (self->span_sha256);
  g_free (self->reason);
  g_free (self->actor);
  g_free (self);
}

/**
 * rounds_finding_acks_lookup:
 * @acks: (element-type RoundsFindingAck)
 * @text: the text @finding was found in
 *
 * An acknowledgement belongs to a finding with the same rule over the
 * same exact words, wherever they moved in the text.
 *
 * Returns: (nullable): the acknowledgement of @finding.
 */
const RoundsFindingAck *
rounds_finding_acks_lookup (GPtrArray           *acks,
                            const RoundsFinding *finding,
                            const char          *text)
{
  g_autofree char *hash = NULL;

  if (acks == NULL || acks->len == 0)
    return NULL;

  hash = rounds_text_dup_span_hash (text, rounds_finding_get_start (finding),
                                    rounds_finding_get_end (finding));
  for (guint i = 0; i < acks->len; i++)
    {
      const RoundsFindingAck *ack = g_ptr_array_index (acks, i);

      if (g_strcmp0 (ack->rule, rounds_finding_get_rule (finding)) == 0 &&
          g_strcmp0 (ack->span_sha256, hash) == 0)
        return ack;
    }

  return NULL;
}

/**
 * rounds_post_media_findings:
 * @media: (element-type RoundsPostMedia)
 * @authorization: (nullable): the post's patient authorization
 *
 * An image marked "shows a patient" is a blocking finding until a
 * complete patient authorization is recorded on the post.
 *
 * Returns: (transfer full) (element-type RoundsFinding): zero-length
 *   findings at offset 0 (they have no span in the text).
 */
GPtrArray *
rounds_post_media_findings (GPtrArray                 *media,
                            const RoundsAuthorization *authorization)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);

  if (authorization != NULL && rounds_authorization_validate (authorization, NULL))
    return findings;

  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      const RoundsPostMedia *m = g_ptr_array_index (media, i);
      g_autofree char *message = NULL;

      if (!m->shows_patient)
        continue;

      /* TRANSLATORS: %u is the image's position, 1 for the first */
      message = g_strdup_printf (_("Image %u shows a patient, and no patient authorization "
                                   "is recorded on this post."), i + 1);
      g_ptr_array_add (findings,
                       rounds_finding_new (0, 0, ROUNDS_MEDIA_PATIENT_RULE,
                                           ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE,
                                           ROUNDS_FINDING_SEVERITY_BLOCK, message,
                                           _("Record who signed the patient’s authorization, "
                                             "when, and what it covers, or remove the image.")));
    }

  return findings;
}

/* ------------------------------------------------------------------ */
/* Media                                                                */

static gboolean
require_post (RoundsStore  *self,
              gint64        post_id,
              GError      **error)
{
  if (rounds_store_lookup_post (self, post_id) == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }
  return TRUE;
}

/* Runs in the caller's thread or in a worker: it reads and writes files
 * only, never the database. @dir is the database's folder. */
static char *
import_media_into (const char  *dir,
                   const char  *source,
                   GError     **error)
{
  static const struct { const char *mime; const char *ext; } types[] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/webp", "webp" },
  };
  g_autofree char *contents = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *media_dir = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *ext = NULL;
  GStatBuf st;
  gsize length = 0;

  if (g_stat (source, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, _("This image cannot be read"));
      return NULL;
    }
  if (st.st_size > ROUNDS_MEDIA_MAX_SIZE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This image is larger than 50 MB; make it smaller first"));
      return NULL;
    }
  if (!g_file_get_contents (source, &contents, &length, &local_error))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, _("This image cannot be read"));
      return NULL;
    }

  content_type = g_content_type_guess (NULL, (const guchar *)contents, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  for (guint i = 0; i < G_N_ELEMENTS (types) && ext == NULL; i++)
    if (g_strcmp0 (mime, types[i].mime) == 0)
      ext = types[i].ext;
  if (ext == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This file is not a PNG, JPEG or WebP image"));
      return NULL;
    }

  media_dir = g_build_filename (dir, "media", NULL);
  if (g_mkdir_with_parents (media_dir, 0700) != 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep a copy of the image: %s"), g_strerror (errno));
      return NULL;
    }

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  name = g_strdup_printf ("%s.%s", hash, ext);
  dest = g_build_filename (media_dir, name, NULL);
  if (!g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      if (!g_file_set_contents_full (dest, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                     &local_error))
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                       _("Could not keep a copy of the image: %s"), local_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&dest);
}

/**
 * rounds_store_import_media:
 * @source: an image file the user chose
 *
 * Keeps a copy of the image beside the database (media/SHA256.EXT, mode
 * 0600), so that the post does not lose it when the original is moved or
 * deleted. Only PNG, JPEG and WebP, told by their content, up to
 * %ROUNDS_MEDIA_MAX_SIZE bytes.
 *
 * Returns: (transfer full): the copy's path, or %NULL with a message that
 *   says what is wrong.
 */
char *
rounds_store_import_media (RoundsStore  *self,
                           const char   *source,
                           GError      **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  dir = g_path_get_dirname (rounds_store_get_path (self));
  return import_media_into (dir, source, error);
}

typedef struct
{
  char *dir;
  char *source;
} ImportMedia;

static void
import_media_free (ImportMedia *data)
{
  g_free (data->dir);
  g_free (data->source);
  g_free (data);
}

static void
import_media_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ImportMedia *data = task_data;
  GError *error = NULL;
  char *copy = import_media_into (data->dir, data->source, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_free);
}

/**
 * rounds_store_import_media_async:
 *
 * rounds_store_import_media() in a worker thread: an image can be up to
 * 50 MB, too much to read, hash and write on the main loop.
 */
void
rounds_store_import_media_async (RoundsStore         *self,
                                 const char          *source,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportMedia *data;

  g_return_if_fail (ROUNDS_IS_STORE (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportMedia, 1);
  data->dir = g_path_get_dirname (rounds_store_get_path (self));
  data->source = g_strdup (source);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_store_import_media_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_media_free);
  g_task_run_in_thread (task, import_media_thread);
}

/**
 * rounds_store_import_media_finish:
 *
 * Returns: (transfer full): the copy's path, or %NULL with a message that
 *   says what is wrong (or %G_IO_ERROR_CANCELLED).
 */
char *
rounds_store_import_media_finish (RoundsStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
media_of_row (RoundsStore  *self,
              RoundsDbStmt *stmt)
{
  RoundsPostMedia *m = rounds_post_media_new (_rounds_store_column_text (stmt, 1),
                                              _rounds_store_column_text (stmt, 2),
                                              rounds_db_column_int (stmt, 3));

  m->id = rounds_db_column_int64 (stmt, 0);
  return m;
}

/**
 * rounds_store_list_post_media:
 *
 * Returns: (transfer full) (element-type RoundsPostMedia): in order.
 */
GPtrArray *
rounds_store_list_post_media (RoundsStore  *self,
                              gint64        post_id,
                              GError      **error)
{
  RoundsDbStmt *stmt;
  GPtrArray *media;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT id, path, alt_text, shows_patient FROM post_media"
                                      " WHERE post_id = ? ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);

  media = _rounds_store_read_rows (self, stmt, media_of_row,
                                   (GDestroyNotify)rounds_post_media_free, error,
                                   _("Could not read the post’s images"));
  _rounds_store_media_localize (self, media);
  return media;
}

/**
 * rounds_store_set_post_media:
 * @media: (element-type RoundsPostMedia): the post's images, in order
 *
 * Replaces the post's images in one transaction. The ids in @media are
 * updated.
 */
gboolean
rounds_store_set_post_media (RoundsStore  *self,
                             gint64        post_id,
                             GPtrArray    *media,
                             GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!require_post (self, post_id, error) || !_rounds_store_begin (self, error))
    return FALSE;
  /* On a server the files go there too, for the other PCs */
  if (!_rounds_store_media_upload_all (self, media, error))
    goto fail;

  stmt = _rounds_store_prepare (self, "DELETE FROM post_media WHERE post_id = ?", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, post_id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the post’s images")))
    goto fail;

  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      RoundsPostMedia *m = g_ptr_array_index (media, i);

      stmt = _rounds_store_prepare (self, "INSERT INTO post_media (post_id, position, path, alt_text,"
                                          " shows_patient) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      rounds_db_bind_int64 (stmt, 1, post_id);
      rounds_db_bind_int (stmt, 2, i);
      _rounds_store_bind_text (stmt, 3, m->path);
      _rounds_store_bind_text (stmt, 4, m->alt_text);
      rounds_db_bind_int (stmt, 5, m->shows_patient);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the post’s images")))
        goto fail;
      m->id = _rounds_store_last_insert_rowid (self);
    }

  return _rounds_store_commit (self, error) || (_rounds_store_rollback (self), FALSE);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Authorization                                                        */

RoundsAuthorization *
rounds_store_get_post_authorization (RoundsStore  *self,
                                     gint64        post_id,
                                     GError      **error)
{
  RoundsDbStmt *stmt;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *json = NULL;
  JsonObject *obj;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT authorization FROM posts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW && rounds_db_column_type (stmt, 0) != ROUNDS_DB_NULL)
    json = g_strdup (_rounds_store_column_text (stmt, 0));
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the post"));
      return NULL;
    }
  if (json == NULL || json[0] == '\0')
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Post %" G_GINT64_FORMAT " has an unreadable authorization", post_id);
      return NULL;
    }
  obj = json_node_get_object (json_parser_get_root (parser));

  return rounds_authorization_new (json_object_get_string_member_with_default (obj, "signed_by", ""),
                                   json_object_get_string_member_with_default (obj, "signed_on", ""),
                                   json_object_get_string_member_with_default (obj, "scope", ""));
}

/**
 * rounds_store_set_post_authorization:
 * @authorization: (nullable): %NULL removes it
 *
 * Records the patient authorization on the post (validated first) and
 * writes it to the audit log.
 */
gboolean
rounds_store_set_post_authorization (RoundsStore                *self,
                                     gint64                      post_id,
                                     const RoundsAuthorization  *authorization,
                                     GError                    **error)
{
  RoundsPost *post;
  g_autofree char *json = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *reason = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!require_post (self, post_id, error))
    return FALSE;
  if (authorization != NULL && !rounds_authorization_validate (authorization, error))
    return FALSE;

  post = rounds_store_lookup_post (self, post_id);
  hash = rounds_post_dup_text_hash (post);

  if (authorization != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "signed_by");
      json_builder_add_string_value (builder, authorization->signed_by);
      json_builder_set_member_name (builder, "signed_on");
      json_builder_add_string_value (builder, authorization->signed_on);
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, authorization->scope);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      json = json_generator_to_data (gen, NULL);

      /* TRANSLATORS: audit log: who signed, the date, what it covers */
      reason = g_strdup_printf (_("Signed by %s on %s; covers: %s"), authorization->signed_by,
                                authorization->signed_on, authorization->scope);
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE posts SET authorization = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, json);
  rounds_db_bind_int64 (stmt, 2, post_id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the authorization")) ||
      !_rounds_store_write_audit (self, "post", post_id,
                                  authorization ? "authorization" : "authorization_removed",
                                  NULL, NULL, reason, hash, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Acknowledged findings                                                */

/* A RoundsFindingAck from the columns rule, span_sha256, reason, actor,
 * at: the posts' and the replies' kept findings read alike. */
gpointer
_rounds_store_finding_ack_of_row (RoundsStore  *self,
                                  RoundsDbStmt *stmt)
{
  RoundsFindingAck *ack = g_new0 (RoundsFindingAck, 1);

  ack->rule = g_strdup (_rounds_store_column_text (stmt, 0));
  ack->span_sha256 = g_strdup (_rounds_store_column_text (stmt, 1));
  ack->reason = g_strdup (_rounds_store_column_text (stmt, 2));
  ack->actor = g_strdup (_rounds_store_column_text (stmt, 3));
  ack->at = rounds_db_column_int64 (stmt, 4);
  return ack;
}

/**
 * rounds_store_list_finding_acks:
 *
 * Returns: (transfer full) (element-type RoundsFindingAck): oldest first.
 */
GPtrArray *
rounds_store_list_finding_acks (RoundsStore  *self,
                                gint64        post_id,
                                GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT rule, span_sha256, reason, actor, at FROM finding_acks"
                                      " WHERE post_id = ? ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);

  return _rounds_store_read_rows (self, stmt, _rounds_store_finding_ack_of_row, (GDestroyNotify)rounds_finding_ack_free,
                                  error, _("Could not read the post"));
}

/**
 * rounds_store_acknowledge_finding:
 * @span_sha256: rounds_text_dup_span_hash() of the finding's words
 * @reason: why the writer keeps them (required)
 *
 * "Keep, with a reason": records the decision and writes it to the
 * audit log with the SHA-256 of the post's text.
 */
gboolean
rounds_store_acknowledge_finding (RoundsStore  *self,
                                  gint64        post_id,
                                  const char   *rule,
                                  const char   *span_sha256,
                                  const char   *reason,
                                  GError      **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *audit_reason = NULL;
  const char *actor = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (rule != NULL && span_sha256 != NULL, FALSE);

  stripped = g_strstrip (g_strdup (reason ? reason : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Say why this is kept"));
      return FALSE;
    }
  if (!require_post (self, post_id, error))
    return FALSE;
  /* Keeping a finding is an approver's decision (issue 20). */
  if (!_rounds_store_require_signature (self, error))
    return FALSE;
  _rounds_store_acting_person (self, &actor);

  hash = rounds_post_dup_text_hash (rounds_store_lookup_post (self, post_id));
  /* TRANSLATORS: audit log: the rule's id, then the writer's reason */
  audit_reason = g_strdup_printf (_("%s kept: %s"), rule, stripped);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "INSERT INTO finding_acks (post_id, rule, span_sha256, reason,"
                                      " actor, at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, post_id);
  _rounds_store_bind_text (stmt, 2, rule);
  _rounds_store_bind_text (stmt, 3, span_sha256);
  _rounds_store_bind_text (stmt, 4, stripped);
  _rounds_store_bind_text (stmt, 5, actor);
  rounds_db_bind_int64 (stmt, 6, rounds_clock_get_now (rounds_store_get_clock (self)));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the decision")) ||
      !_rounds_store_write_audit (self, "post", post_id, "acknowledged", NULL, NULL,
                                  audit_reason, hash, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Autosave                                                             */

/* On a server the unsaved text stays on this PC, in a file beside its
 * media: it must outlive a server that cannot be reached (and a crash
 * meanwhile), and "post:new" is this PC's new post, not the office's. */
static char *
local_autosave_path (RoundsStore *self,
                     const char  *slot)
{
  g_autofree char *dir = g_path_get_dirname (rounds_store_get_path (self));
  g_autofree char *name = g_strdup (slot);

  g_strcanon (name, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
  return g_strdup_printf ("%s/unsaved/%s.json", dir, name);
}

static gboolean
write_local_autosave (RoundsStore  *self,
                      const char   *slot,
                      gint64        post_id,
                      const char   *json,
                      GError      **error)
{
  g_autofree char *path = local_autosave_path (self, slot);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  /* {"post_id":…,"saved_at":…,"data":{…}}: the data is the same JSON a
   * file's autosave row holds. */
  text = g_strdup_printf ("{\"post_id\":%" G_GINT64_FORMAT ",\"saved_at\":%" G_GINT64_FORMAT
                          ",\"data\":%s}\n", post_id,
                          rounds_clock_get_now (rounds_store_get_clock (self)), json);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep the unsaved changes: %s"),
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The JSON of the local file's data, or NULL when there is none */
static char *
read_local_autosave (RoundsStore *self,
                     const char  *slot,
                     gint64      *post_id,
                     gint64      *saved_at)
{
  g_autofree char *path = local_autosave_path (self, slot);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonObject *obj;
  JsonNode *data;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (!json_parser_load_from_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("The unsaved changes of slot %s are unreadable; ignoring them", slot);
      return NULL;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  data = json_object_get_member (obj, "data");
  if (data == NULL)
    return NULL;
  *post_id = json_object_get_int_member_with_default (obj, "post_id", 0);
  *saved_at = json_object_get_int_member_with_default (obj, "saved_at", 0);
  json_generator_set_root (gen, data);
  return json_generator_to_data (gen, NULL);
}

/**
 * rounds_autosave_slot_for_post:
 * @post_id: 0 for a post that was never saved
 *
 * Returns: the autosave slot of a post's editor.
 */
char *
rounds_autosave_slot_for_post (gint64 post_id)
{
  if (post_id == 0)
    return g_strdup ("post:new");
  return g_strdup_printf ("post:%" G_GINT64_FORMAT, post_id);
}

/**
 * rounds_store_autosave_post:
 * @draft: what the editor holds right now
 *
 * Keeps the editor's unsaved state (title, text, networks, time) so that
 * it comes back after a crash. Committed (and so durable) on return.
 */
gboolean
rounds_store_autosave_post (RoundsStore  *self,
                            const char   *slot,
                            RoundsPost   *draft,
                            GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *networks = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (ROUNDS_IS_POST (draft), FALSE);

  networks = rounds_networks_to_string (rounds_post_get_networks (draft));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, rounds_post_get_title (draft));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, rounds_post_get_body (draft));
  json_builder_set_member_name (builder, "networks");
  json_builder_add_string_value (builder, networks);
  json_builder_set_member_name (builder, "scheduled_at");
  json_builder_add_int_value (builder, rounds_post_get_scheduled_at (draft));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);

  if (rounds_store_is_on_server (self))
    return write_local_autosave (self, slot, rounds_post_get_id (draft), json, error);

  stmt = _rounds_store_prepare (self, "INSERT INTO autosave (slot, post_id, data, saved_at)"
                                      " VALUES (?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET"
                                      " post_id = excluded.post_id, data = excluded.data,"
                                      " saved_at = excluded.saved_at", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, slot);
  if (rounds_post_get_id (draft) != 0)
    rounds_db_bind_int64 (stmt, 2, rounds_post_get_id (draft));
  else
    rounds_db_bind_null (stmt, 2);
  _rounds_store_bind_text (stmt, 3, json);
  rounds_db_bind_int64 (stmt, 4, rounds_clock_get_now (rounds_store_get_clock (self)));

  return _rounds_store_step_done (self, stmt, error, _("Could not keep the unsaved changes"));
}

/**
 * rounds_store_read_autosave:
 * @saved_at: (out) (optional): when it was kept
 *
 * Returns: (transfer full) (nullable): a new post holding the autosaved
 *   state (with the id of the post it belongs to), or %NULL if there is
 *   none.
 */
RoundsPost *
rounds_store_read_autosave (RoundsStore  *self,
                            const char   *slot,
                            gint64       *saved_at,
                            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RoundsPost) post = NULL;
  g_autofree char *json = NULL;
  gint64 post_id = 0;
  gint64 at = 0;
  JsonObject *obj;
  RoundsDbStmt *stmt;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  if (rounds_store_is_on_server (self))
    json = read_local_autosave (self, slot, &post_id, &at);
  else
    {
      stmt = _rounds_store_prepare (self, "SELECT post_id, data, saved_at FROM autosave"
                                          " WHERE slot = ?", error);
      if (stmt == NULL)
        return NULL;
      _rounds_store_bind_text (stmt, 1, slot);
      rc = rounds_db_step (stmt);
      if (rc == ROUNDS_DB_ROW)
        {
          post_id = rounds_db_column_int64 (stmt, 0);
          json = g_strdup (_rounds_store_column_text (stmt, 1));
          at = rounds_db_column_int64 (stmt, 2);
        }
      rounds_db_reset (stmt);

      if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
        {
          _rounds_store_set_error (self, rc, error, _("Could not read the unsaved changes"));
          return NULL;
        }
    }
  if (json == NULL)
    return NULL;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Autosave slot %s is unreadable; ignoring it", slot);
      return NULL;
    }
  obj = json_node_get_object (json_parser_get_root (parser));

  post = rounds_post_new ();
  _rounds_post_set_id (post, post_id);
  rounds_post_set_title (post, json_object_get_string_member_with_default (obj, "title", ""));
  rounds_post_set_body (post, json_object_get_string_member_with_default (obj, "body", ""));
  rounds_post_set_networks (post, rounds_networks_from_string (
                              json_object_get_string_member_with_default (obj, "networks", "")));
  rounds_post_set_scheduled_at (post, json_object_get_int_member_with_default (obj, "scheduled_at", 0));

  if (saved_at != NULL)
    *saved_at = at;

  return g_steal_pointer (&post);
}

gboolean
rounds_store_clear_autosave (RoundsStore  *self,
                             const char   *slot,
                             GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);

  if (rounds_store_is_on_server (self))
    {
      g_autofree char *path = local_autosave_path (self, slot);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                       _("Could not discard the unsaved changes: %s"), g_strerror (errsv));
          return FALSE;
        }
      return TRUE;
    }

  stmt = _rounds_store_prepare (self, "DELETE FROM autosave WHERE slot = ?", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, slot);

  return _rounds_store_step_done (self, stmt, error, _("Could not discard the unsaved changes"));
}

/* ------------------------------------------------------------------ */
/* Workflow                                                             */

static gboolean
change_status (RoundsStore       *self,
               RoundsPost        *post,
               RoundsPostStatus   to,
               const char        *override_reason,
               GError           **error)
{
  RoundsPostStatus from = rounds_post_get_status (post);
  gint64 id = rounds_post_get_id (post);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (self));
  g_autofree char *hash = rounds_post_dup_text_hash (post);
  RoundsDbStmt *stmt;

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE posts SET status = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (to));
  rounds_db_bind_int64 (stmt, 2, now);
  rounds_db_bind_int64 (stmt, 3, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the post")))
    goto fail;

  if (override_reason != NULL &&
      !_rounds_store_write_audit (self, "post", id, "override", rounds_post_status_to_string (from),
                                  rounds_post_status_to_string (to), override_reason, hash, error))
    goto fail;

  if (!_rounds_store_write_audit (self, "post", id, "status", rounds_post_status_to_string (from),
                                  rounds_post_status_to_string (to), override_reason, hash, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  _rounds_post_set_status (post, to);
  _rounds_post_set_times (post, rounds_post_get_created_at (post), now);
  _rounds_store_emit_post_changed (self, post);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* The registry's check (rounds_store_check_post_consent()): refused with
 * its first blocking problem. */
static gboolean
check_consent (RoundsStore  *self,
               gint64        post_id,
               GPtrArray    *findings,
               GError      **error)
{
  g_autoptr(GPtrArray) problems = rounds_store_check_post_consent (self, post_id, NULL, findings,
                                                                   error);
  g_autofree char *problem = NULL;

  if (problems == NULL)
    return FALSE;
  problem = rounds_consent_findings_dup_problem (problems);
  if (problem != NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID, problem);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_approve_post:
 * @findings: (element-type RoundsFinding): the findings on the post's
 *   text and images right now
 * @override_reason: (nullable): the approver's reason to approve despite
 *   blocking findings
 *
 * Approves a post in review. Refused while a blocking finding remains,
 * unless the approver gives an override reason; the override is written
 * to the audit log beside the status change, both with the SHA-256 of
 * the exact text approved. A consent or disclosure problem
 * (rounds_store_check_post_consent()) refuses it with no override: a
 * reason does not replace the patient's signed authorization.
 */
gboolean
rounds_store_approve_post (RoundsStore  *self,
                           gint64        post_id,
                           GPtrArray    *findings,
                           const char   *override_reason,
                           GError      **error)
{
  RoundsPost *post;
  g_autofree char *reason = NULL;
  guint n_block = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  post = rounds_store_lookup_post (self, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  if (!rounds_post_status_can_change (rounds_post_get_status (post), ROUNDS_POST_STATUS_APPROVED))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Only a post in review can be approved"));
      return FALSE;
    }

  /* With people, only an approver who gave their PIN (issue 20). */
  if (!_rounds_store_require_signature (self, error))
    return FALSE;

  /* Consent and disclosure are not overridden with a reason. */
  if (!check_consent (self, post_id, findings, error))
    return FALSE;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    n_block += rounds_finding_get_severity (g_ptr_array_index (findings, i)) ==
               ROUNDS_FINDING_SEVERITY_BLOCK &&
               g_strcmp0 (rounds_finding_get_rule (g_ptr_array_index (findings, i)),
                          ROUNDS_CONSENT_RULE_AUTHORIZATION) != 0 &&
               g_strcmp0 (rounds_finding_get_rule (g_ptr_array_index (findings, i)),
                          ROUNDS_MEDIA_PATIENT_RULE) != 0;

  reason = g_strstrip (g_strdup (override_reason ? override_reason : ""));
  if (n_block > 0 && reason[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   ngettext ("%u problem must be fixed before approval, or give a reason to "
                             "approve anyway",
                             "%u problems must be fixed before approval, or give a reason to "
                             "approve anyway", n_block), n_block);
      return FALSE;
    }

  return change_status (self, post, ROUNDS_POST_STATUS_APPROVED,
                        n_block > 0 ? reason : NULL, error);
}

/**
 * rounds_store_schedule_post:
 *
 * Schedules an approved post at its time. Refused when it has no time,
 * a time in the past, no network, or a text that does not fit one of its
 * networks ("12 characters too long for X").
 */
gboolean
rounds_store_schedule_post (RoundsStore  *self,
                            gint64        post_id,
                            GError      **error)
{
  RoundsPost *post;
  g_autofree char *problems = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  post = rounds_store_lookup_post (self, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }
  if (rounds_post_get_status (post) != ROUNDS_POST_STATUS_APPROVED)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Only an approved post can be scheduled"));
      return FALSE;
    }
  if (!check_consent (self, post_id, NULL, error))
    return FALSE;
  if (rounds_post_get_scheduled_at (post) <= 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Choose when to publish the post"));
      return FALSE;
    }
  if (rounds_post_get_scheduled_at (post) <= rounds_clock_get_now (rounds_store_get_clock (self)))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("The publishing time has passed; choose a later one"));
      return FALSE;
    }
  if (rounds_post_get_networks (post) == ROUNDS_NETWORK_NONE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Choose at least one network"));
      return FALSE;
    }

  problems = rounds_networks_dup_problems (rounds_post_get_networks (post),
                                           rounds_post_get_body (post));
  if (problems == NULL)
    {
      g_autoptr(GPtrArray) media = rounds_store_list_post_media (self, post_id, NULL);

      problems = rounds_networks_dup_media_problem (rounds_post_get_networks (post),
                                                    media ? media->len : 0);
    }
  if (problems != NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID, problems);
      return FALSE;
    }

  return change_status (self, post, ROUNDS_POST_STATUS_SCHEDULED, NULL, error);
}
