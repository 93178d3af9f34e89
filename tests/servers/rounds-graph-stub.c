/* rounds-graph-stub.c — a Meta Graph API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "graph-stub"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rounds-graph-stub.h"
#include "rounds-stub-server.h"
#include "rounds-stub-oauth.h"

/* Written from the shapes in Meta's Graph API reference (Page feed,
 * photos, scheduled_posts, comments, insights, Photo, IG User media /
 * media_publish / content_publishing_limit, IG Container, IG Media, IG
 * Comment replies, error handling) as summarised in PLATFORMS.md. */

#define MAX_BODY        (64 * 1024 * 1024)
#define PAGE_NAME       "Sunrise Family Clinic"
#define IG_USERNAME     "sunrise.clinic"
#define QUOTA_TOTAL     50

typedef enum
{
  OBJ_POST,
  OBJ_PHOTO,
  OBJ_COMMENT,
  OBJ_CONTAINER,
  OBJ_IG_MEDIA,
} ObjKind;

typedef struct
{
  ObjKind     kind;
  char       *id;
  char       *text;
  char       *parent;         /* comments: what it answers */
  char       *from_id;
  char       *from_name;
  gint64      created_at;
  gint64      scheduled_at;   /* posts: natively scheduled, not yet out */
  gboolean    published;
  gboolean    deleted;
  GPtrArray  *alts;           /* posts, IG media: alt text per image */
  char       *alt;            /* photos, containers */
  char       *image_url;      /* containers */
  char       *status_code;    /* containers */
  guint       polls_left;
  gboolean    carousel_item;
  GPtrArray  *children;       /* carousel containers: item ids */
  GHashTable *insights;       /* metric → gint64* */
} Obj;

struct _RoundsGraphStub
{
  GObject      parent_instance;

  RoundsStubServer http;      /* its base_url is the root, without the version */
  char        *base_url;
  guint64      next_id;
  gint64       now;
  guint        container_polls;
  guint        quota_usage;
  guint        requests;

  GHashTable  *tokens;
  GHashTable  *objects;       /* id → Obj */
  GPtrArray   *order;         /* Obj*, creation order (borrowed) */
  GHashTable  *last_headers;  /* "path\nname" → value */
  GHashTable  *last_query;    /* path → query */
  RoundsStubOAuth *oauth;     /* the login dialog and its codes */
};

G_DEFINE_FINAL_TYPE (RoundsGraphStub, rounds_graph_stub, G_TYPE_OBJECT)

static const char * const valid_metrics[] = {
  /* Facebook post */
  "post_total_media_view_unique", "post_media_view", "post_reactions_like_total", "post_clicks",
  /* Instagram media */
  "reach", "views", "likes", "comments", "shares", "saved", "total_interactions",
  NULL
};

/* ------------------------------------------------------------------ */

static void
obj_free (Obj *o)
{
  g_free (o->id);
  g_free (o->text);
  g_free (o->parent);
  g_free (o->from_id);
  g_free (o->from_name);
  g_clear_pointer (&o->alts, g_ptr_array_unref);
  g_free (o->alt);
  g_free (o->image_url);
  g_free (o->status_code);
  g_clear_pointer (&o->children, g_ptr_array_unref);
  g_clear_pointer (&o->insights, g_hash_table_unref);
  g_free (o);
}

static gint64
stub_now (RoundsGraphStub *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
graph_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+0000");
}

static Obj *
obj_new (RoundsGraphStub *self,
         ObjKind          kind,
         const char      *id)
{
  Obj *o = g_new0 (Obj, 1);

  o->kind = kind;
  if (id != NULL)
    o->id = g_strdup (id);
  else if (kind == OBJ_POST)
    o->id = g_strdup_printf ("%s_%" G_GUINT64_FORMAT, ROUNDS_GRAPH_STUB_PAGE_ID, self->next_id++);
  else
    o->id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_id++);
  o->created_at = stub_now (self);
  o->alts = g_ptr_array_new_with_free_func (g_free);
  o->children = g_ptr_array_new_with_free_func (g_free);
  o->insights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->objects, o->id, o);
  g_ptr_array_add (self->order, o);
  return o;
}

static Obj *
find (RoundsGraphStub *self,
      const char      *id,
      ObjKind          kind)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  return o != NULL && o->kind == kind && !o->deleted ? o : NULL;
}

/* The post or media a comment finally belongs to. */
static const char *
root_of (RoundsGraphStub *self,
         Obj             *comment)
{
  Obj *o = comment;

  for (guint guard = 0; o != NULL && o->kind == OBJ_COMMENT && guard < 64; guard++)
    o = g_hash_table_lookup (self->objects, o->parent);
  return o ? o->id : NULL;
}

/* ------------------------------------------------------------------ */
/* Answers                                                              */

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *data = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8",
                                    SOUP_MEMORY_COPY, data, strlen (data));
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)   /* (transfer full) */
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  respond_node (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               int                code,
               int                subcode,
               const char        *type,
               const char        *message)
{
  JsonObject *outer = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (error, "type", type);
  json_object_set_int_member (error, "code", code);
  if (subcode != 0)
    json_object_set_int_member (error, "error_subcode", subcode);
  json_object_set_string_member (error, "fbtrace_id", "AbCdEfGhIjK");
  json_object_set_object_member (outer, "error", error);
  respond_object (msg, status, outer);
}

static void
respond_bad_param (SoupServerMessage *msg,
                   const char        *message)
{
  respond_error (msg, 400, 100, 0, "OAuthException", message);
}

static void
respond_success (SoupServerMessage *msg)
{
  JsonObject *o = json_object_new ();

  json_object_set_boolean_member (o, "success", TRUE);
  respond_object (msg, 200, o);
}

static void
respond_id (SoupServerMessage *msg,
            const char        *id)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", id);
  respond_object (msg, 200, o);
}

static char *
encode_cursor (guint offset)
{
  g_autofree char *raw = g_strdup_printf ("offset:%u", offset);

  return g_base64_encode ((const guchar *) raw, strlen (raw));
}

static guint
decode_cursor (const char *cursor)
{
  gsize length = 0;
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;

  if (cursor == NULL)
    return 0;
  raw = g_base64_decode (cursor, &length);
  text = g_strndup ((const char *) raw, length);
  if (!g_str_has_prefix (text, "offset:"))
    return 0;
  return (guint) g_ascii_strtoull (text + 7, NULL, 10);
}

/* {"data": items[after…after+limit], "paging": {"cursors", "next"?}} */
static void
respond_list (RoundsGraphStub   *self,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              GPtrArray         *items)   /* of JsonNode, consumed */
{
  JsonObject *o = json_object_new ();
  JsonArray *data = json_array_new ();
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint limit = limit_text ? (guint) CLAMP (g_ascii_strtoull (limit_text, NULL, 10), 1, 100) : 25;
  guint start = decode_cursor (query ? g_hash_table_lookup (query, "after") : NULL);
  guint end = MIN (items->len, start + limit);

  for (guint i = start; i < end; i++)
    json_array_add_element (data, json_node_copy (g_ptr_array_index (items, i)));
  json_object_set_array_member (o, "data", data);
  if (items->len > 0 && start < items->len)
    {
      JsonObject *paging = json_object_new ();
      JsonObject *cursors = json_object_new ();
      g_autofree char *before = encode_cursor (start);
      g_autofree char *after = encode_cursor (end);

      json_object_set_string_member (cursors, "before", before);
      json_object_set_string_member (cursors, "after", after);
      json_object_set_object_member (paging, "cursors", cursors);
      if (end < items->len)
        {
          g_autofree char *next = g_strdup_printf ("%s%s?limit=%u&after=%s", self->base_url, path,
                                                   limit, after);

          json_object_set_string_member (paging, "next", next);
        }
      json_object_set_object_member (o, "paging", paging);
    }
  respond_object (msg, 200, o);
  g_ptr_array_unref (items);
}

/* ------------------------------------------------------------------ */
/* JSON for objects                                                     */

static JsonNode *
post_json (RoundsGraphStub *self,
           Obj             *o)
{
  JsonObject *j = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = graph_time (o->created_at);
  g_autofree char *link = g_strdup_printf ("https://www.facebook.com/%s", o->id);

  json_object_set_string_member (j, "id", o->id);
  if (o->text != NULL && o->text[0] != '\0')
    json_object_set_string_member (j, "message", o->text);
  json_object_set_string_member (j, "created_time", created);
  json_object_set_string_member (j, "permalink_url", link);
  if (o->scheduled_at > 0 && !o->published)
    json_object_set_int_member (j, "scheduled_publish_time", o->scheduled_at);
  json_node_take_object (node, j);
  return node;
}

static JsonNode *
comment_json (RoundsGraphStub *self,
              Obj             *o,
              gboolean         instagram,
              gboolean         with_replies)
{
  JsonObject *j = json_object_new ();
  JsonObject *from = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = graph_time (o->created_at);
  Obj *parent = g_hash_table_lookup (self->objects, o->parent);

  json_object_set_string_member (j, "id", o->id);
  json_object_set_string_member (from, "id", o->from_id);
  if (instagram)
    {
      json_object_set_string_member (from, "username", o->from_name);
      json_object_set_string_member (j, "text", o->text);
      json_object_set_string_member (j, "timestamp", created);
      json_object_set_string_member (j, "username", o->from_name);
    }
  else
    {
      g_autofree char *link = g_strdup_printf ("https://www.facebook.com/%s?comment_id=%s",
                                               root_of (self, o), o->id);

      json_object_set_string_member (from, "name", o->from_name);
      json_object_set_string_member (j, "message", o->text);
      json_object_set_string_member (j, "created_time", created);
      json_object_set_string_member (j, "permalink_url", link);
      if (parent != NULL && parent->kind == OBJ_COMMENT)
        {
          JsonObject *p = json_object_new ();

          json_object_set_string_member (p, "id", parent->id);
          json_object_set_object_member (j, "parent", p);
        }
    }
  json_object_set_object_member (j, "from", from);

  if (with_replies)
    {
      JsonObject *replies = json_object_new ();
      JsonArray *data = json_array_new ();

      for (guint i = 0; i < self->order->len; i++)
        {
          Obj *r = g_ptr_array_index (self->order, i);

          if (r->kind == OBJ_COMMENT && !r->deleted && g_strcmp0 (r->parent, o->id) == 0)
            json_array_add_element (data, comment_json (self, r, instagram, FALSE));
        }
      json_object_set_array_member (replies, "data", data);
      json_object_set_object_member (j, "replies", replies);
    }
  json_node_take_object (node, j);
  return node;
}

static JsonNode *
ig_media_json (RoundsGraphStub *self,
               Obj             *o)
{
  JsonObject *j = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = graph_time (o->created_at);
  g_autofree char *link = g_strdup_printf ("https://www.instagram.com/p/RnD%s/", o->id);

  json_object_set_string_member (j, "id", o->id);
  json_object_set_string_member (j, "caption", o->text ? o->text : "");
  json_object_set_string_member (j, "timestamp", created);
  json_object_set_string_member (j, "permalink", link);
  json_object_set_string_member (j, "media_type", o->alts->len > 1 ? "CAROUSEL_ALBUM" : "IMAGE");
  json_node_take_object (node, j);
  return node;
}

/* ------------------------------------------------------------------ */
/* Request parameters: query, form, or multipart                        */

typedef struct
{
  GHashTable *fields;
  GBytes     *file;
} Params;

static void
read_params (SoupServerMessage *msg,
             GHashTable        *query,
             Params            *p)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  p->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_replace (p->fields, g_strdup (k), g_strdup (v));
    }
  if (g_strcmp0 (type, "application/x-www-form-urlencoded") == 0 && g_bytes_get_size (bytes) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_replace (p->fields, g_strdup (k), g_strdup (v));
    }
  else if (g_strcmp0 (type, "multipart/form-data") == 0)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, bytes);

      for (int i = 0; multipart && i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *part_headers;
          GBytes *part_body;
          g_autoptr(GHashTable) disposition_params = NULL;
          const char *name;

          if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body))
            continue;
          if (!soup_message_headers_get_content_disposition (part_headers, NULL, &disposition_params))
            continue;
          name = g_hash_table_lookup (disposition_params, "name");
          if (name == NULL)
            continue;
          if (g_hash_table_contains (disposition_params, "filename"))
            p->file = g_bytes_ref (part_body);
          else
            g_hash_table_replace (p->fields, g_strdup (name),
                                  g_strndup (g_bytes_get_data (part_body, NULL),
                                             g_bytes_get_size (part_body)));
        }
    }
}

static void
params_clear (Params *p)
{
  g_clear_pointer (&p->fields, g_hash_table_unref);
  g_clear_pointer (&p->file, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static const char *
param (Params     *p,
       const char *name)
{
  return g_hash_table_lookup (p->fields, name);
}

/* ------------------------------------------------------------------ */
/* Handlers                                                             */

static void
handle_node (RoundsGraphStub   *self,
             SoupServerMessage *msg,
             const char        *id)
{
  JsonObject *j;
  Obj *o;

  if (g_str_equal (id, ROUNDS_GRAPH_STUB_PAGE_ID))
    {
      j = json_object_new ();
      json_object_set_string_member (j, "id", ROUNDS_GRAPH_STUB_PAGE_ID);
      json_object_set_string_member (j, "name", PAGE_NAME);
      json_object_set_string_member (j, "username", "sunriseclinic");
      json_object_set_string_member (j, "link", "https://www.facebook.com/sunriseclinic");
      json_object_set_int_member (j, "followers_count", 1234);
      json_object_set_int_member (j, "fan_count", 1200);
      respond_object (msg, 200, j);
      return;
    }
  if (g_str_equal (id, ROUNDS_GRAPH_STUB_IG_ID))
    {
      guint media = 0;

      for (guint i = 0; i < self->order->len; i++)
        media += ((Obj *) g_ptr_array_index (self->order, i))->kind == OBJ_IG_MEDIA;
      j = json_object_new ();
      json_object_set_string_member (j, "id", ROUNDS_GRAPH_STUB_IG_ID);
      json_object_set_string_member (j, "username", IG_USERNAME);
      json_object_set_string_member (j, "name", PAGE_NAME);
      json_object_set_int_member (j, "followers_count", 987);
      json_object_set_int_member (j, "media_count", media);
      respond_object (msg, 200, j);
      return;
    }

  o = g_hash_table_lookup (self->objects, id);
  if (o == NULL || o->deleted)
    {
      g_autofree char *text = g_strdup_printf ("Unsupported get request. Object with ID '%s' does "
                                               "not exist, cannot be loaded due to missing "
                                               "permissions, or does not support this operation.", id);

      respond_error (msg, 400, 100, 33, "GraphMethodException", text);
      return;
    }

  switch (o->kind)
    {
    case OBJ_POST:
      {
        g_autoptr(JsonNode) node = post_json (self, o);

        respond_node (msg, 200, node);
      }
      return;
    case OBJ_IG_MEDIA:
      {
        g_autoptr(JsonNode) node = ig_media_json (self, o);

        respond_node (msg, 200, node);
      }
      return;
    case OBJ_PHOTO:
      {
        JsonArray *images = json_array_new ();
        guint sizes[] = { 320, 1080 };

        j = json_object_new ();
        json_object_set_string_member (j, "id", o->id);
        for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
          {
            JsonObject *image = json_object_new ();
            g_autofree char *source = g_strdup_printf ("%s/_cdn/%s_%u.jpg", self->http.base_url, o->id,
                                                       sizes[i]);

            json_object_set_int_member (image, "height", sizes[i]);
            json_object_set_int_member (image, "width", sizes[i]);
            json_object_set_string_member (image, "source", source);
            json_array_add_object_element (images, image);
          }
        json_object_set_array_member (j, "images", images);
        respond_object (msg, 200, j);
      }
      return;
    case OBJ_CONTAINER:
      j = json_object_new ();
      json_object_set_string_member (j, "id", o->id);
      if (g_str_equal (o->status_code, "IN_PROGRESS"))
        {
          if (o->polls_left > 0)
            o->polls_left--;
          else
            {
              g_free (o->status_code);
              o->status_code = g_strdup ("FINISHED");
            }
        }
      json_object_set_string_member (j, "status_code", o->status_code);
      json_object_set_string_member (j, "status", g_str_equal (o->status_code, "ERROR")
                                                  ? "Error: 2207052: The media could not be fetched from this URI"
                                                  : o->status_code);
      respond_object (msg, 200, j);
      return;
    case OBJ_COMMENT:
      {
        g_autoptr(JsonNode) node = comment_json (self, o, FALSE, FALSE);

        respond_node (msg, 200, node);
      }
      return;
    default:
      break;
    }
}

/* GET /?ids=A,B: a multiple-id read. It is answered as a whole: one id
 * that does not exist (or no longer does) fails it with #803. */
static void
handle_ids (RoundsGraphStub   *self,
            SoupServerMessage *msg,
            const char        *ids)
{
  g_auto(GStrv) list = g_strsplit (ids, ",", -1);
  JsonObject *j;

  if (list[0] == NULL || g_strv_length (list) > 50)
    {
      respond_bad_param (msg, "(#100) The parameter ids must list 1 to 50 ids");
      return;
    }
  for (guint i = 0; list[i] != NULL; i++)
    {
      Obj *o = g_hash_table_lookup (self->objects, list[i]);

      if (o == NULL || o->deleted)
        {
          g_autofree char *text = g_strdup_printf ("(#803) Some of the aliases you requested do "
                                                   "not exist: %s", list[i]);

          respond_error (msg, 400, 803, 0, "OAuthException", text);
          return;
        }
    }
  j = json_object_new ();
  for (guint i = 0; list[i] != NULL; i++)
    {
      JsonObject *node = json_object_new ();

      json_object_set_string_member (node, "id", list[i]);
      json_object_set_object_member (j, list[i], node);
    }
  respond_object (msg, 200, j);
}

static void
handle_photo_upload (RoundsGraphStub   *self,
                     SoupServerMessage *msg,
                     Params            *p)
{
  Obj *o;

  if (p->file == NULL && param (p, "url") == NULL)
    {
      respond_bad_param (msg, "(#324) Requires upload file");
      return;
    }
  o = obj_new (self, OBJ_PHOTO, NULL);
  o->alt = g_strdup (param (p, "alt_text_custom"));
  o->published = g_strcmp0 (param (p, "published"), "false") != 0;
  respond_id (msg, o->id);
}

static void
handle_feed_post (RoundsGraphStub   *self,
                  SoupServerMessage *msg,
                  Params            *p)
{
  const char *message = param (p, "message");
  const char *scheduled = param (p, "scheduled_publish_time");
  gint64 now = stub_now (self);
  g_autoptr(GPtrArray) photos = g_ptr_array_new ();
  Obj *o;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("attached_media[%u]", i);
      const char *value = param (p, name);
      g_autoptr(JsonNode) node = NULL;
      const char *fbid = NULL;
      Obj *photo;

      if (value == NULL)
        break;
      node = json_from_string (value, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
          && json_object_has_member (json_node_get_object (node), "media_fbid"))
        fbid = json_object_get_string_member (json_node_get_object (node), "media_fbid");
      photo = fbid ? find (self, fbid, OBJ_PHOTO) : NULL;
      if (photo == NULL)
        {
          respond_bad_param (msg, "(#100) Invalid attached_media");
          return;
        }
      g_ptr_array_add (photos, photo);
    }

  if ((message == NULL || message[0] == '\0') && photos->len == 0)
    {
      respond_bad_param (msg, "(#100) The parameter message is required");
      return;
    }
  if (scheduled != NULL)
    {
      gint64 at = g_ascii_strtoll (scheduled, NULL, 10);

      if (g_strcmp0 (param (p, "published"), "false") != 0 || at < now + 10 * 60
          || at > now + 30 * 24 * 60 * 60)
        {
          respond_bad_param (msg, "(#100) The specified scheduled publish time is invalid.");
          return;
        }
    }

  /* Facebook refuses the same text twice in a row. */
  for (guint i = 0; message != NULL && i < self->order->len; i++)
    {
      Obj *other = g_ptr_array_index (self->order, i);

      if (other->kind == OBJ_POST && !other->deleted && g_strcmp0 (other->text, message) == 0
          && other->created_at > now - 24 * 60 * 60)
        {
          respond_error (msg, 400, 506, 0, "OAuthException", "Duplicate status message");
          return;
        }
    }

  o = obj_new (self, OBJ_POST, NULL);
  o->text = g_strdup (message);
  o->from_id = g_strdup (ROUNDS_GRAPH_STUB_PAGE_ID);
  if (scheduled != NULL)
    o->scheduled_at = g_ascii_strtoll (scheduled, NULL, 10);
  else
    o->published = TRUE;
  for (guint i = 0; i < photos->len; i++)
    g_ptr_array_add (o->alts, g_strdup (((Obj *) g_ptr_array_index (photos, i))->alt));
  respond_id (msg, o->id);
}

static void
handle_posts_list (RoundsGraphStub   *self,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gboolean           scheduled)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = self->order->len; i > 0; i--)
    {
      Obj *o = g_ptr_array_index (self->order, i - 1);

      if (o->kind != OBJ_POST || o->deleted)
        continue;
      if (scheduled ? (o->published || o->scheduled_at == 0) : !o->published)
        continue;
      g_ptr_array_add (items, post_json (self, o));
    }
  respond_list (self, msg, path, query, items);
}

static void
handle_comments_list (RoundsGraphStub   *self,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      const char        *object_id)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  Obj *target = g_hash_table_lookup (self->objects, object_id);
  gboolean instagram = target && target->kind == OBJ_IG_MEDIA;
  gboolean stream = query && g_strcmp0 (g_hash_table_lookup (query, "filter"), "stream") == 0;
  const char *since_text = query ? g_hash_table_lookup (query, "since") : NULL;
  gint64 since = since_text ? g_ascii_strtoll (since_text, NULL, 10) : 0;
  const char *fields = query ? g_hash_table_lookup (query, "fields") : NULL;

  if (target == NULL || target->deleted)
    {
      respond_error (msg, 400, 100, 33, "GraphMethodException",
                     "Unsupported get request. Object does not exist.");
      g_ptr_array_unref (items);
      return;
    }

  for (guint i = 0; i < self->order->len; i++)
    {
      Obj *o = g_ptr_array_index (self->order, i);

      if (o->kind != OBJ_COMMENT || o->deleted || o->created_at < since)
        continue;
      if (g_strcmp0 (o->parent, object_id) != 0
          && !(stream && g_strcmp0 (root_of (self, o), object_id) == 0))
        continue;
      g_ptr_array_add (items, comment_json (self, o, instagram,
                                            instagram && fields && strstr (fields, "replies")));
    }
  respond_list (self, msg, path, query, items);
}

static void
handle_comment_post (RoundsGraphStub   *self,
                     SoupServerMessage *msg,
                     Params            *p,
                     const char        *object_id,
                     gboolean           instagram_reply)
{
  Obj *target = g_hash_table_lookup (self->objects, object_id);
  const char *message = param (p, "message");
  Obj *o;

  if (target == NULL || target->deleted
      || (instagram_reply && (target->kind != OBJ_COMMENT
                              || g_hash_table_lookup (self->objects, target->parent) == NULL
                              || ((Obj *) g_hash_table_lookup (self->objects, target->parent))->kind
                                 != OBJ_IG_MEDIA)))
    {
      respond_error (msg, 400, 100, 33, "GraphMethodException",
                     "Unsupported post request. Object does not exist or does not support this "
                     "operation.");
      return;
    }
  if (message == NULL || message[0] == '\0')
    {
      respond_bad_param (msg, "(#100) The parameter message is required");
      return;
    }
  o = obj_new (self, OBJ_COMMENT, NULL);
  o->text = g_strdup (message);
  o->parent = g_strdup (object_id);
  o->from_id = g_strdup (instagram_reply ? ROUNDS_GRAPH_STUB_IG_ID : ROUNDS_GRAPH_STUB_PAGE_ID);
  o->from_name = g_strdup (instagram_reply ? IG_USERNAME : PAGE_NAME);
  respond_id (msg, o->id);
}

static void
handle_insights (RoundsGraphStub   *self,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 const char        *object_id)
{
  Obj *o = g_hash_table_lookup (self->objects, object_id);
  const char *metric = query ? g_hash_table_lookup (query, "metric") : NULL;
  g_auto(GStrv) names = NULL;
  JsonObject *j;
  JsonArray *data;

  if (o == NULL || o->deleted)
    {
      respond_error (msg, 400, 100, 33, "GraphMethodException", "Object does not exist.");
      return;
    }
  if (metric == NULL)
    {
      respond_bad_param (msg, "(#100) The parameter metric is required");
      return;
    }
  names = g_strsplit (metric, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains (valid_metrics, names[i]))
      {
        respond_bad_param (msg, "(#100) The value must be a valid insights metric");
        return;
      }

  j = json_object_new ();
  data = json_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonObject *m = json_object_new ();
      JsonArray *values = json_array_new ();
      JsonObject *v = json_object_new ();
      gint64 *value = g_hash_table_lookup (o->insights, names[i]);
      g_autofree char *id = g_strdup_printf ("%s/insights/%s/lifetime", object_id, names[i]);

      json_object_set_string_member (m, "name", names[i]);
      json_object_set_string_member (m, "period", "lifetime");
      json_object_set_int_member (v, "value", value ? *value : 0);
      json_array_add_object_element (values, v);
      json_object_set_array_member (m, "values", values);
      json_object_set_string_member (m, "title", names[i]);
      json_object_set_string_member (m, "id", id);
      json_array_add_object_element (data, m);
    }
  json_object_set_array_member (j, "data", data);
  respond_object (msg, 200, j);
}

static void
handle_delete (RoundsGraphStub   *self,
               SoupServerMessage *msg,
               const char        *id)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  if (o == NULL || o->deleted || (o->kind != OBJ_POST && o->kind != OBJ_IG_MEDIA
                                  && o->kind != OBJ_COMMENT && o->kind != OBJ_PHOTO))
    {
      g_autofree char *text = g_strdup_printf ("Unsupported delete request. Object with ID '%s' "
                                               "does not exist, cannot be loaded due to missing "
                                               "permissions, or does not support this operation.", id);

      respond_error (msg, 400, 100, 33, "GraphMethodException", text);
      return;
    }
  o->deleted = TRUE;
  respond_success (msg);
}

/* Instagram ------------------------------------------------------------ */

static void
handle_quota (RoundsGraphStub   *self,
              SoupServerMessage *msg)
{
  JsonObject *j = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonObject *entry = json_object_new ();
  JsonObject *config = json_object_new ();

  json_object_set_int_member (entry, "quota_usage", self->quota_usage);
  json_object_set_int_member (config, "quota_total", QUOTA_TOTAL);
  json_object_set_int_member (config, "quota_duration", 86400);
  json_object_set_object_member (entry, "config", config);
  json_array_add_object_element (data, entry);
  json_object_set_array_member (j, "data", data);
  respond_object (msg, 200, j);
}

/* Is @url one of our CDN addresses for an uploaded photo? */
static gboolean
image_url_valid (RoundsGraphStub *self,
                 const char      *url)
{
  g_autofree char *prefix = g_strdup_printf ("%s/_cdn/", self->http.base_url);
  g_autofree char *id = NULL;
  char *underscore;

  if (url == NULL || !g_str_has_prefix (url, prefix))
    return FALSE;
  id = g_strdup (url + strlen (prefix));
  underscore = strchr (id, '_');
  if (underscore == NULL)
    return FALSE;
  *underscore = '\0';
  return find (self, id, OBJ_PHOTO) != NULL;
}

static void
handle_container_create (RoundsGraphStub   *self,
                         SoupServerMessage *msg,
                         Params            *p)
{
  const char *caption = param (p, "caption");
  const char *type = param (p, "media_type");
  Obj *o;

  if (caption != NULL && g_utf8_strlen (caption, -1) > 2200)
    {
      respond_error (msg, 400, 100, 2207008, "OAuthException",
                     "The caption is too long (2,200 characters at most).");
      return;
    }

  if (g_strcmp0 (type, "CAROUSEL") == 0)
    {
      g_auto(GStrv) children = g_strsplit (param (p, "children") ? param (p, "children") : "", ",", -1);

      o = obj_new (self, OBJ_CONTAINER, NULL);
      for (guint i = 0; children[i] != NULL; i++)
        {
          Obj *child = find (self, children[i], OBJ_CONTAINER);

          if (child == NULL || !child->carousel_item)
            {
              respond_bad_param (msg, "(#100) Invalid children");
              o->deleted = TRUE;
              return;
            }
          g_ptr_array_add (o->children, g_strdup (children[i]));
        }
      if (o->children->len < 2)
        {
          respond_bad_param (msg, "(#100) A carousel needs at least 2 children");
          o->deleted = TRUE;
          return;
        }
      o->text = g_strdup (caption);
      o->status_code = g_strdup ("IN_PROGRESS");
      o->polls_left = self->container_polls;
      respond_id (msg, o->id);
      return;
    }

  if (param (p, "image_url") == NULL)
    {
      respond_bad_param (msg, "(#100) The parameter image_url is required.");
      return;
    }
  o = obj_new (self, OBJ_CONTAINER, NULL);
  o->text = g_strdup (caption);
  o->alt = g_strdup (param (p, "alt_text"));
  o->image_url = g_strdup (param (p, "image_url"));
  o->carousel_item = g_strcmp0 (param (p, "is_carousel_item"), "true") == 0;
  /* Instagram fetches the image itself; an address it cannot reach
   * shows as ERROR on the container. */
  o->status_code = g_strdup (image_url_valid (self, o->image_url) ? "IN_PROGRESS" : "ERROR");
  o->polls_left = self->container_polls;
  respond_id (msg, o->id);
}

static void
handle_media_publish (RoundsGraphStub   *self,
                      SoupServerMessage *msg,
                      Params            *p)
{
  Obj *container = param (p, "creation_id") ? find (self, param (p, "creation_id"), OBJ_CONTAINER)
                                             : NULL;
  Obj *o;

  if (container == NULL)
    {
      respond_bad_param (msg, "(#100) Invalid creation_id");
      return;
    }
  if (self->quota_usage >= QUOTA_TOTAL)
    {
      respond_error (msg, 400, 9, 2207042, "OAuthException",
                     "You reached the maximum number of posts that is allowed to be published "
                     "by Content Publishing API.");
      return;
    }
  if (!g_str_equal (container->status_code, "FINISHED") || container->carousel_item)
    {
      respond_error (msg, 400, 9007, 2207027, "OAuthException",
                     "Media ID is not available: the media is not ready for publishing.");
      return;
    }
  o = obj_new (self, OBJ_IG_MEDIA, NULL);
  o->text = g_strdup (container->text);
  if (container->children->len > 0)
    for (guint i = 0; i < container->children->len; i++)
      {
        Obj *child = find (self, g_ptr_array_index (container->children, i), OBJ_CONTAINER);

        g_ptr_array_add (o->alts, g_strdup (child ? child->alt : NULL));
      }
  else
    g_ptr_array_add (o->alts, g_strdup (container->alt));
  g_free (container->status_code);
  container->status_code = g_strdup ("PUBLISHED");
  self->quota_usage++;
  respond_id (msg, o->id);
}

static void
handle_ig_media_list (RoundsGraphStub   *self,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = self->order->len; i > 0; i--)
    {
      Obj *o = g_ptr_array_index (self->order, i - 1);

      if (o->kind == OBJ_IG_MEDIA && !o->deleted)
        g_ptr_array_add (items, ig_media_json (self, o));
    }
  respond_list (self, msg, path, query, items);
}

/* OAuth (Facebook Login, manual flow with PKCE) ------------------------- */

static void
handle_token (RoundsGraphStub   *self,
              SoupServerMessage *msg,
              Params            *p)
{
  const char *grant = param (p, "grant_type");
  JsonObject *j;
  g_autofree char *token = NULL;

  if (g_strcmp0 (grant, "fb_exchange_token") == 0)
    {
      if (param (p, "client_secret") == NULL
          || !g_hash_table_contains (self->tokens, param (p, "fb_exchange_token") ? param (p, "fb_exchange_token") : ""))
        {
          respond_error (msg, 400, 101, 0, "OAuthException", "Error validating client secret.");
          return;
        }
      token = g_strdup_printf ("long-user-%" G_GUINT64_FORMAT, self->next_id++);
      g_hash_table_add (self->tokens, g_strdup (token));
      j = json_object_new ();
      json_object_set_string_member (j, "access_token", token);
      json_object_set_string_member (j, "token_type", "bearer");
      json_object_set_int_member (j, "expires_in", 5184000);
      respond_object (msg, 200, j);
      return;
    }

  if (!rounds_stub_oauth_redeem (self->oauth, param (p, "code"), param (p, "code_verifier"),
                                 param (p, "redirect_uri")))
    {
      respond_error (msg, 400, 100, 36009, "OAuthException",
                     "This authorization code has been used or is invalid.");
      return;
    }
  token = g_strdup_printf ("user-%" G_GUINT64_FORMAT, self->next_id++);
  g_hash_table_add (self->tokens, g_strdup (token));
  j = json_object_new ();
  json_object_set_string_member (j, "access_token", token);
  json_object_set_string_member (j, "token_type", "bearer");
  json_object_set_int_member (j, "expires_in", 3600);
  respond_object (msg, 200, j);
}

static void
handle_me_accounts (RoundsGraphStub   *self,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    const char        *user_token)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonObject *page = json_object_new ();
  JsonObject *ig = json_object_new ();
  JsonArray *tasks = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *page_token = g_strdup_printf ("page-of-%s", user_token);

  g_hash_table_add (self->tokens, g_strdup (page_token));
  json_object_set_string_member (page, "id", ROUNDS_GRAPH_STUB_PAGE_ID);
  json_object_set_string_member (page, "name", PAGE_NAME);
  json_object_set_string_member (page, "access_token", page_token);
  json_object_set_string_member (page, "category", "Medical Center");
  json_array_add_string_element (tasks, "MODERATE");
  json_array_add_string_element (tasks, "CREATE_CONTENT");
  json_array_add_string_element (tasks, "MANAGE");
  json_object_set_array_member (page, "tasks", tasks);
  json_object_set_string_member (ig, "id", ROUNDS_GRAPH_STUB_IG_ID);
  json_object_set_string_member (ig, "username", IG_USERNAME);
  json_object_set_object_member (page, "instagram_business_account", ig);
  json_node_take_object (node, page);
  g_ptr_array_add (items, node);

  /* A second Page without publishing rights, to choose from. */
  {
    JsonObject *other = json_object_new ();
    JsonArray *other_tasks = json_array_new ();
    JsonNode *other_node = json_node_new (JSON_NODE_OBJECT);

    json_object_set_string_member (other, "id", "100000000000002");
    json_object_set_string_member (other, "name", "Sunrise Staff Volunteers");
    json_object_set_string_member (other, "access_token", "page-two");
    json_array_add_string_element (other_tasks, "ANALYZE");
    json_object_set_array_member (other, "tasks", other_tasks);
    json_node_take_object (other_node, other);
    g_ptr_array_add (items, other_node);
  }
  respond_list (self, msg, path, query, items);
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                             */

static gboolean
apply_fault (RoundsGraphStub   *self,
             SoupServerMessage *msg,
             const char        *path,
             gboolean          *cut_after)
{
  g_autoptr(RoundsStubFault) f = rounds_stub_server_take_fault (&self->http, path);

  *cut_after = FALSE;
  if (f == NULL)
    return FALSE;

  if (f->minutes > 0)
    {
      g_autofree char *buc = g_strdup_printf ("{\"%s\":[{\"type\":\"pages\",\"call_count\":100,"
                                              "\"total_cputime\":25,\"total_time\":30,"
                                              "\"estimated_time_to_regain_access\":%u}]}",
                                              ROUNDS_GRAPH_STUB_PAGE_ID, f->minutes);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-Business-Use-Case-Usage", buc);
    }
  switch ((RoundsGraphStubFault) f->kind)
    {
    case ROUNDS_GRAPH_STUB_FAULT_STATUS:
      {
        const char *text = f->code == 190 ? "Error validating access token: Session has expired."
                         : f->code == 4 ? "(#4) Application request limit reached"
                         : f->code == 17 ? "(#17) User request limit reached"
                         : f->code == 32 ? "(#32) Page request limit reached"
                         : f->code == 613 ? "(#613) Calls to this api have exceeded the rate limit."
                         : f->code == 368 ? "It looks like you were misusing this feature by going too fast."
                         : f->code == 506 ? "Duplicate status message"
                         : f->code == 2 ? "An unexpected error has occurred. Please retry your request later."
                         : "Injected failure";

        respond_error (msg, f->status, f->code, f->code == 190 ? 463 : 0,
                       f->code == 190 ? "OAuthException" : "OAuthException", text);
      }
      break;
    case ROUNDS_GRAPH_STUB_FAULT_HTML:
      rounds_stub_respond_html (msg, f->status, "<!DOCTYPE html><html><body><h1>Sorry, something "
                                "went wrong.</h1></body></html>");
      break;
    case ROUNDS_GRAPH_STUB_FAULT_GARBAGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"id\": \"12", 10);
      break;
    case ROUNDS_GRAPH_STUB_FAULT_HUGE:
      {
        gsize size = 6 * 1024 * 1024;
        char *data = g_malloc (size);

        memset (data, ' ', size);
        data[0] = '{';
        data[size - 1] = '}';
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, size);
      }
      break;
    case ROUNDS_GRAPH_STUB_FAULT_HANG:
      rounds_stub_server_hold (&self->http, msg);
      break;
    case ROUNDS_GRAPH_STUB_FAULT_CUT:
      rounds_stub_cut (msg);
      break;
    case ROUNDS_GRAPH_STUB_FAULT_CUT_AFTER:
      *cut_after = TRUE;
      return FALSE;
    default:
      break;
    }
  return TRUE;
}

static void
remember (RoundsGraphStub   *self,
          SoupServerMessage *msg,
          const char        *path)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GUri *uri = soup_server_message_get_uri (msg);

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->last_headers, g_strdup_printf ("%s\n%s", path, name), g_strdup (value));
  g_hash_table_insert (self->last_query, g_strdup (path),
                       g_strdup (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
}

static char *
bearer_token (SoupServerMessage *msg,
              Params            *p)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    return g_strdup (auth + 7);
  if (auth != NULL && g_ascii_strncasecmp (auth, "OAuth ", 6) == 0)
    return g_strdup (auth + 6);
  return g_strdup (param (p, "access_token"));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *full_path,
           GHashTable        *query,
           gpointer           user_data)
{
  RoundsGraphStub *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *version_prefix = "/" ROUNDS_GRAPH_STUB_VERSION;
  const char *path = full_path;
  g_auto(Params) p = { 0, };
  g_auto(GStrv) parts = NULL;
  g_autofree char *token = NULL;
  gboolean cut_after = FALSE;
  guint n;

  self->requests++;

  if (g_str_has_prefix (full_path, "/_cdn/"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_STATIC, "\xff\xd8\xff\xd9", 4);
      return;
    }
  if (g_str_has_prefix (full_path, version_prefix))
    path = full_path + strlen (version_prefix);
  else if (!g_str_has_prefix (full_path, "/dialog/"))
    {
      respond_error (msg, 400, 2635, 0, "OAuthException", "Unknown or missing API version.");
      return;
    }
  if (path[0] == '\0')
    path = "/";

  remember (self, msg, path);
  /* A fault for "/?ids" hits only the multiple-id read (every path
   * starts with "/"). */
  if (apply_fault (self, msg, g_str_equal (path, "/") && query != NULL
                              && g_hash_table_contains (query, "ids") ? "/?ids" : path,
                   &cut_after))
    return;

  read_params (msg, query, &p);

  if (g_str_has_prefix (full_path, "/dialog/oauth"))
    {
      rounds_stub_oauth_authorize (self->oauth, msg, query);
      goto done;
    }
  if (g_str_equal (path, "/oauth/access_token"))
    {
      handle_token (self, msg, &p);
      goto done;
    }

  token = bearer_token (msg, &p);
  if (token == NULL || !g_hash_table_contains (self->tokens, token))
    {
      respond_error (msg, 400, 190, 463, "OAuthException",
                     "Error validating access token: Session has expired on Friday, "
                     "04-Dec-26 10:00:00 PST.");
      goto done;
    }

  parts = g_strsplit (path + 1, "/", -1);
  n = g_strv_length (parts);

  if (n == 2 && g_str_equal (parts[0], "me") && g_str_equal (parts[1], "accounts")
      && g_str_equal (method, "GET"))
    handle_me_accounts (self, msg, path, query, token);
  else if (g_str_equal (path, "/") && g_str_equal (method, "GET") && param (&p, "ids") != NULL)
    handle_ids (self, msg, param (&p, "ids"));
  else if (n == 1 && g_str_equal (method, "GET"))
    handle_node (self, msg, parts[0]);
  else if (n == 1 && g_str_equal (method, "DELETE"))
    handle_delete (self, msg, parts[0]);
  else if (n == 2 && g_str_equal (parts[0], ROUNDS_GRAPH_STUB_PAGE_ID))
    {
      if (g_str_equal (parts[1], "photos") && g_str_equal (method, "POST"))
        handle_photo_upload (self, msg, &p);
      else if (g_str_equal (parts[1], "feed") && g_str_equal (method, "POST"))
        handle_feed_post (self, msg, &p);
      else if ((g_str_equal (parts[1], "posts") || g_str_equal (parts[1], "published_posts")
                || g_str_equal (parts[1], "feed")) && g_str_equal (method, "GET"))
        handle_posts_list (self, msg, path, query, FALSE);
      else if (g_str_equal (parts[1], "scheduled_posts") && g_str_equal (method, "GET"))
        handle_posts_list (self, msg, path, query, TRUE);
      else
        respond_bad_param (msg, "(#100) Unknown edge");
    }
  else if (n == 2 && g_str_equal (parts[0], ROUNDS_GRAPH_STUB_IG_ID))
    {
      if (g_str_equal (parts[1], "content_publishing_limit") && g_str_equal (method, "GET"))
        handle_quota (self, msg);
      else if (g_str_equal (parts[1], "media") && g_str_equal (method, "POST"))
        handle_container_create (self, msg, &p);
      else if (g_str_equal (parts[1], "media") && g_str_equal (method, "GET"))
        handle_ig_media_list (self, msg, path, query);
      else if (g_str_equal (parts[1], "media_publish") && g_str_equal (method, "POST"))
        handle_media_publish (self, msg, &p);
      else
        respond_bad_param (msg, "(#100) Unknown edge");
    }
  else if (n == 2 && g_str_equal (parts[1], "comments") && g_str_equal (method, "GET"))
    handle_comments_list (self, msg, path, query, parts[0]);
  else if (n == 2 && g_str_equal (parts[1], "comments") && g_str_equal (method, "POST"))
    handle_comment_post (self, msg, &p, parts[0], FALSE);
  else if (n == 2 && g_str_equal (parts[1], "replies") && g_str_equal (method, "POST"))
    handle_comment_post (self, msg, &p, parts[0], TRUE);
  else if (n == 2 && g_str_equal (parts[1], "insights") && g_str_equal (method, "GET"))
    handle_insights (self, msg, query, parts[0]);
  else
    respond_error (msg, 400, 2500, 0, "OAuthException", "Unknown path components");

done:
  if (cut_after)
    rounds_stub_cut (msg);
}

/* ------------------------------------------------------------------ */

static void
rounds_graph_stub_finalize (GObject *object)
{
  RoundsGraphStub *self = ROUNDS_GRAPH_STUB (object);

  rounds_stub_server_stop (&self->http);
  g_free (self->base_url);
  g_hash_table_unref (self->tokens);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->objects);
  g_hash_table_unref (self->last_headers);
  g_hash_table_unref (self->last_query);
  rounds_stub_oauth_free (self->oauth);

  G_OBJECT_CLASS (rounds_graph_stub_parent_class)->finalize (object);
}

static void
rounds_graph_stub_class_init (RoundsGraphStubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_graph_stub_finalize;
}

static void
rounds_graph_stub_init (RoundsGraphStub *self)
{
  self->next_id = 200000000000001;
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) obj_free);
  self->order = g_ptr_array_new ();
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->last_query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->oauth = rounds_stub_oauth_new ("code");
}

RoundsGraphStub *
rounds_graph_stub_new (GError **error)
{
  g_autoptr(RoundsGraphStub) self = g_object_new (ROUNDS_TYPE_GRAPH_STUB, NULL);

  if (!rounds_stub_server_start (&self->http, "graph-stub", server_cb, self, error))
    return NULL;
  self->base_url = g_strdup_printf ("%s/%s", self->http.base_url, ROUNDS_GRAPH_STUB_VERSION);
  return g_steal_pointer (&self);
}

const char *
rounds_graph_stub_get_root_url (RoundsGraphStub *self)
{
  return self->http.base_url;
}

const char *
rounds_graph_stub_get_base_url (RoundsGraphStub *self)
{
  return self->base_url;
}

void
rounds_graph_stub_add_token (RoundsGraphStub *self,
                             const char      *token)
{
  g_hash_table_add (self->tokens, g_strdup (token));
}

void
rounds_graph_stub_revoke_tokens (RoundsGraphStub *self)
{
  g_hash_table_remove_all (self->tokens);
}

void
rounds_graph_stub_set_now (RoundsGraphStub *self,
                           gint64           now)
{
  self->now = now;
}

void
rounds_graph_stub_set_container_polls (RoundsGraphStub *self,
                                       guint            polls)
{
  self->container_polls = polls;
}

void
rounds_graph_stub_set_quota_usage (RoundsGraphStub *self,
                                   guint            usage)
{
  self->quota_usage = usage;
}

void
rounds_graph_stub_add_fault (RoundsGraphStub      *self,
                             const char           *path_prefix,
                             RoundsGraphStubFault  kind,
                             guint                 status,
                             int                   graph_code,
                             guint                 count,
                             guint                 buc_minutes)
{
  RoundsStubFault *f = rounds_stub_server_add_fault (&self->http, path_prefix, kind, status, count,
                                                     NULL);

  f->code = graph_code;
  f->minutes = buc_minutes;
}

char *
rounds_graph_stub_add_comment (RoundsGraphStub *self,
                               const char      *object_id,
                               const char      *author,
                               const char      *text,
                               gint64           at)
{
  Obj *o = obj_new (self, OBJ_COMMENT, NULL);

  o->parent = g_strdup (object_id);
  o->from_id = g_strdup_printf ("9%" G_GUINT64_FORMAT, self->next_id++);
  o->from_name = g_strdup (author);
  o->text = g_strdup (text);
  if (at != 0)
    o->created_at = at;
  return g_strdup (o->id);
}

char *
rounds_graph_stub_add_page_post (RoundsGraphStub *self,
                                 const char      *text,
                                 gint64           at)
{
  Obj *o = obj_new (self, OBJ_POST, NULL);

  o->text = g_strdup (text);
  o->from_id = g_strdup (ROUNDS_GRAPH_STUB_PAGE_ID);
  o->published = TRUE;
  if (at != 0)
    o->created_at = at;
  return g_strdup (o->id);
}

char *
rounds_graph_stub_add_ig_media (RoundsGraphStub *self,
                                const char      *caption,
                                gint64           at)
{
  Obj *o = obj_new (self, OBJ_IG_MEDIA, NULL);

  o->text = g_strdup (caption);
  o->from_id = g_strdup (ROUNDS_GRAPH_STUB_IG_ID);
  o->published = TRUE;
  if (at != 0)
    o->created_at = at;
  return g_strdup (o->id);
}

gboolean
rounds_graph_stub_delete (RoundsGraphStub *self,
                          const char      *id)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  if (o == NULL || o->deleted)
    return FALSE;
  o->deleted = TRUE;
  return TRUE;
}

void
rounds_graph_stub_set_insight (RoundsGraphStub *self,
                               const char      *object_id,
                               const char      *metric,
                               gint64           value)
{
  Obj *o = g_hash_table_lookup (self->objects, object_id);

  if (o != NULL)
    g_hash_table_replace (o->insights, g_strdup (metric), g_memdup2 (&value, sizeof value));
}

static guint
count_kind (RoundsGraphStub *self,
            ObjKind          kind,
            int              published)
{
  guint n = 0;

  for (guint i = 0; i < self->order->len; i++)
    {
      Obj *o = g_ptr_array_index (self->order, i);

      if (o->kind == kind && !o->deleted && (published < 0 || o->published == published))
        n++;
    }
  return n;
}

guint
rounds_graph_stub_count_posts (RoundsGraphStub *self)
{
  return count_kind (self, OBJ_POST, TRUE);
}

guint
rounds_graph_stub_count_scheduled (RoundsGraphStub *self)
{
  return count_kind (self, OBJ_POST, FALSE);
}

guint
rounds_graph_stub_count_ig_media (RoundsGraphStub *self)
{
  return count_kind (self, OBJ_IG_MEDIA, -1);
}

const char *
rounds_graph_stub_get_text (RoundsGraphStub *self,
                            const char      *id)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  return o && !o->deleted ? o->text : NULL;
}

const char *
rounds_graph_stub_get_alt (RoundsGraphStub *self,
                           const char      *id,
                           guint            index)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  return o && index < o->alts->len ? g_ptr_array_index (o->alts, index) : NULL;
}

guint
rounds_graph_stub_count_images (RoundsGraphStub *self,
                                const char      *id)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  return o ? o->alts->len : 0;
}

const char *
rounds_graph_stub_get_parent (RoundsGraphStub *self,
                              const char      *id)
{
  Obj *o = g_hash_table_lookup (self->objects, id);

  return o ? o->parent : NULL;
}

guint
rounds_graph_stub_get_request_count (RoundsGraphStub *self)
{
  return self->requests;
}

const char *
rounds_graph_stub_get_last_header (RoundsGraphStub *self,
                                   const char      *path,
                                   const char      *name)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", path, name);

  return g_hash_table_lookup (self->last_headers, key);
}

const char *
rounds_graph_stub_get_last_query (RoundsGraphStub *self,
                                  const char      *path)
{
  return g_hash_table_lookup (self->last_query, path);
}
