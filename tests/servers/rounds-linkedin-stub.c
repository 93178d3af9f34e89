/* rounds-linkedin-stub.c — a LinkedIn REST API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "linkedin-stub"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rounds-linkedin-stub.h"
#include "rounds-stub-server.h"
#include "rounds-stub-oauth.h"

/* Written from the shapes of LinkedIn's Posts, Images, Social Actions
 * (comments), Organizations, Network Sizes and Organization Share
 * Statistics APIs and its error format, as summarised in PLATFORMS.md. */

#define RESERVED "\\|{}@[]()<>#*_~"

typedef struct
{
  char       *urn;
  char       *text;          /* unescaped */
  char       *parent;        /* comments: the comment answered, or NULL */
  char       *post;          /* comments: the post */
  char       *actor;
  gint64      created_ms;
  gboolean    deleted;
  GPtrArray  *images;        /* image URNs */
  GPtrArray  *alts;
  GHashTable *stats;
} Item;

typedef struct
{
  char  *urn;
  gsize  bytes;
  gboolean uploaded;
} Image;

struct _RoundsLinkedinStub
{
  GObject      parent_instance;

  RoundsStubServer http;
  guint64      next_id;
  guint        requests;
  gboolean     foreign_upload;

  GHashTable  *tokens;
  RoundsStubOAuth *oauth;
  GHashTable  *items;        /* urn → Item */
  GPtrArray   *order;        /* Item*, creation order */
  GHashTable  *images;       /* urn → Image */
};

G_DEFINE_FINAL_TYPE (RoundsLinkedinStub, rounds_linkedin_stub, G_TYPE_OBJECT)

static void
item_free (Item *i)
{
  g_free (i->urn);
  g_free (i->text);
  g_free (i->parent);
  g_free (i->post);
  g_free (i->actor);
  g_ptr_array_unref (i->images);
  g_ptr_array_unref (i->alts);
  g_hash_table_unref (i->stats);
  g_free (i);
}

static void
image_free (Image *i)
{
  g_free (i->urn);
  g_free (i);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static Item *
item_new (RoundsLinkedinStub *self,
          char               *urn)   /* (transfer full) */
{
  Item *i = g_new0 (Item, 1);

  i->urn = urn;
  i->created_ms = now_ms ();
  i->images = g_ptr_array_new_with_free_func (g_free);
  i->alts = g_ptr_array_new_with_free_func (g_free);
  i->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->items, i->urn, i);
  g_ptr_array_add (self->order, i);
  return i;
}

static Item *
find_post (RoundsLinkedinStub *self,
           const char         *urn)
{
  Item *i = g_hash_table_lookup (self->items, urn);

  return i && !i->deleted && i->post == NULL ? i : NULL;
}

/* ------------------------------------------------------------------ */

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)   /* (transfer full) */
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *data = NULL;

  json_node_take_object (node, object);
  data = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, strlen (data));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               int                service_code,
               const char        *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "status", status);
  if (service_code != 0)
    json_object_set_int_member (o, "serviceErrorCode", service_code);
  json_object_set_string_member (o, "message", message);
  respond_object (msg, status, o);
}

static JsonObject *
paged (GPtrArray  *elements,   /* JsonObject*, consumed */
       GHashTable *query)
{
  JsonObject *o = json_object_new ();
  JsonObject *paging = json_object_new ();
  JsonArray *array = json_array_new ();
  const char *start_text = query ? g_hash_table_lookup (query, "start") : NULL;
  const char *count_text = query ? g_hash_table_lookup (query, "count") : NULL;
  guint start = start_text ? (guint) g_ascii_strtoull (start_text, NULL, 10) : 0;
  guint count = count_text ? (guint) CLAMP (g_ascii_strtoull (count_text, NULL, 10), 1, 100) : 10;

  for (guint i = 0; i < elements->len; i++)
    {
      JsonObject *element = g_ptr_array_index (elements, i);

      if (i >= start && i < start + count)
        json_array_add_object_element (array, json_object_ref (element));
    }
  json_object_set_array_member (o, "elements", array);
  json_object_set_int_member (paging, "start", start);
  json_object_set_int_member (paging, "count", count);
  json_object_set_int_member (paging, "total", elements->len);
  json_object_set_array_member (paging, "links", json_array_new ());
  json_object_set_object_member (o, "paging", paging);
  g_ptr_array_unref (elements);
  return o;
}

static char *
unescape_little (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] && strchr (RESERVED, p[1]))
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Reserved characters must be escaped ("#word" is a hashtag). */
static gboolean
little_text_valid (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] && strchr (RESERVED, p[1]))
        {
          p++;
          continue;
        }
      if (*p == '#' && (g_ascii_isalnum (p[1]) || (guchar) p[1] >= 0x80))
        continue;
      if (strchr (RESERVED, *p))
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
post_json (Item *i)
{
  JsonObject *o = json_object_new ();
  g_autofree char *escaped = NULL;
  GString *e = g_string_new (NULL);

  for (const char *p = i->text ? i->text : ""; *p; p++)
    {
      if (strchr (RESERVED, *p) && !(*p == '#' && g_ascii_isalnum (p[1])))
        g_string_append_c (e, '\\');
      g_string_append_c (e, *p);
    }
  escaped = g_string_free (e, FALSE);
  json_object_set_string_member (o, "id", i->urn);
  json_object_set_string_member (o, "author", ROUNDS_LINKEDIN_STUB_ORG_URN);
  json_object_set_string_member (o, "commentary", escaped);
  json_object_set_string_member (o, "visibility", "PUBLIC");
  json_object_set_string_member (o, "lifecycleState", "PUBLISHED");
  json_object_set_int_member (o, "createdAt", i->created_ms);
  json_object_set_int_member (o, "publishedAt", i->created_ms);
  json_object_set_int_member (o, "lastModifiedAt", i->created_ms);
  return o;
}

static JsonObject *
comment_json (Item *i)
{
  JsonObject *o = json_object_new ();
  JsonObject *message = json_object_new ();
  JsonObject *created = json_object_new ();

  json_object_set_string_member (o, "$URN", i->urn);
  json_object_set_string_member (o, "actor", i->actor);
  json_object_set_string_member (o, "object", i->post);
  json_object_set_string_member (message, "text", i->text);
  json_object_set_object_member (o, "message", message);
  json_object_set_int_member (created, "time", i->created_ms);
  json_object_set_object_member (o, "created", created);
  if (i->parent)
    json_object_set_string_member (o, "parentComment", i->parent);
  return o;
}

/* ------------------------------------------------------------------ */

static JsonObject *
body_object (SoupServerMessage *msg,
             JsonNode         **root)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  *root = json_from_string (g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "null", NULL);
  return *root && JSON_NODE_HOLDS_OBJECT (*root) ? json_node_get_object (*root) : NULL;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

static JsonObject *
member_object (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static void
handle_create_post (RoundsLinkedinStub *self,
                    SoupServerMessage  *msg)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *body = body_object (msg, &root);
  const char *commentary = member_string (body, "commentary");
  JsonObject *content = member_object (body, "content");
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) alts = g_ptr_array_new ();
  Item *item;

  if (body == NULL || g_strcmp0 (member_string (body, "author"), ROUNDS_LINKEDIN_STUB_ORG_URN) != 0
      || member_string (body, "visibility") == NULL || member_object (body, "distribution") == NULL
      || g_strcmp0 (member_string (body, "lifecycleState"), "PUBLISHED") != 0)
    {
      respond_error (msg, 422, 100, "/author :: field is required or does not match the caller's organization");
      return;
    }
  if (commentary == NULL)
    commentary = "";
  if (!little_text_valid (commentary))
    {
      respond_error (msg, 422, 100, "/commentary :: unescaped reserved character in little text");
      return;
    }
  if (g_utf8_strlen (commentary, -1) > 3000)
    {
      respond_error (msg, 422, 100, "/commentary :: length must be at most 3000");
      return;
    }
  if (content != NULL)
    {
      JsonObject *media = member_object (content, "media");
      JsonObject *multi = member_object (content, "multiImage");
      JsonNode *list = multi ? json_object_get_member (multi, "images") : NULL;

      if (media != NULL)
        {
          g_ptr_array_add (images, (gpointer) member_string (media, "id"));
          g_ptr_array_add (alts, (gpointer) member_string (media, "altText"));
        }
      for (guint i = 0; list && JSON_NODE_HOLDS_ARRAY (list) && i < json_array_get_length (json_node_get_array (list)); i++)
        {
          JsonObject *image = json_array_get_object_element (json_node_get_array (list), i);

          g_ptr_array_add (images, (gpointer) member_string (image, "id"));
          g_ptr_array_add (alts, (gpointer) member_string (image, "altText"));
        }
      if (multi != NULL && (images->len < 2 || images->len > 20))
        {
          respond_error (msg, 422, 100, "/content/multiImage/images :: 2 to 20 images");
          return;
        }
      for (guint i = 0; i < images->len; i++)
        {
          Image *image = g_ptr_array_index (images, i) ? g_hash_table_lookup (self->images, g_ptr_array_index (images, i)) : NULL;

          if (image == NULL || !image->uploaded)
            {
              respond_error (msg, 422, 100, "/content/media/id :: the image is not uploaded");
              return;
            }
        }
    }
  if (commentary[0] == '\0' && images->len == 0)
    {
      respond_error (msg, 422, 100, "/commentary :: field is required");
      return;
    }

  item = item_new (self, g_strdup_printf ("urn:li:share:%" G_GUINT64_FORMAT, self->next_id++));
  item->text = unescape_little (commentary);
  item->actor = g_strdup (ROUNDS_LINKEDIN_STUB_ORG_URN);
  for (guint i = 0; i < images->len; i++)
    {
      g_ptr_array_add (item->images, g_strdup (g_ptr_array_index (images, i)));
      g_ptr_array_add (item->alts, g_strdup (g_ptr_array_index (alts, i)));
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-restli-id", item->urn);
  soup_server_message_set_status (msg, 201, NULL);
}

static void
handle_posts_list (RoundsLinkedinStub *self,
                   SoupServerMessage  *msg,
                   GHashTable         *query)
{
  GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "q"), "author") != 0
      || g_strcmp0 (g_hash_table_lookup (query, "author"), ROUNDS_LINKEDIN_STUB_ORG_URN) != 0)
    {
      respond_error (msg, 400, 100, "Invalid query parameters");
      g_ptr_array_unref (elements);
      return;
    }
  for (guint i = self->order->len; i > 0; i--)
    {
      Item *item = g_ptr_array_index (self->order, i - 1);

      if (item->post == NULL && !item->deleted)
        g_ptr_array_add (elements, post_json (item));
    }
  respond_object (msg, 200, paged (elements, query));
}

static void
handle_comments (RoundsLinkedinStub *self,
                 SoupServerMessage  *msg,
                 GHashTable         *query,
                 const char         *post_urn,
                 gboolean            create)
{
  Item *post = find_post (self, post_urn);

  if (post == NULL)
    {
      respond_error (msg, 404, 0, "Not Found");
      return;
    }
  if (create)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *body = body_object (msg, &root);
      const char *text = member_string (member_object (body, "message"), "text");
      const char *parent = member_string (body, "parentComment");
      Item *item;

      if (text == NULL || g_strcmp0 (member_string (body, "actor"), ROUNDS_LINKEDIN_STUB_ORG_URN) != 0
          || g_strcmp0 (member_string (body, "object"), post_urn) != 0
          || (parent != NULL && g_hash_table_lookup (self->items, parent) == NULL))
        {
          respond_error (msg, 422, 100, "/message :: invalid comment");
          return;
        }
      item = item_new (self, g_strdup_printf ("urn:li:comment:(%s,%" G_GUINT64_FORMAT ")", post_urn,
                                              self->next_id++));
      item->text = g_strdup (text);
      item->post = g_strdup (post_urn);
      item->parent = g_strdup (parent);
      item->actor = g_strdup (ROUNDS_LINKEDIN_STUB_ORG_URN);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-restli-id", item->urn);
      respond_object (msg, 201, comment_json (item));
      return;
    }
  {
    GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

    for (guint i = 0; i < self->order->len; i++)
      {
        Item *item = g_ptr_array_index (self->order, i);

        if (g_strcmp0 (item->post, post_urn) == 0 && !item->deleted)
          g_ptr_array_add (elements, comment_json (item));
      }
    respond_object (msg, 200, paged (elements, query));
  }
}

static void
handle_statistics (RoundsLinkedinStub *self,
                   SoupServerMessage  *msg,
                   GHashTable         *query)
{
  const char *shares = query ? g_hash_table_lookup (query, "shares") : NULL;
  JsonObject *o = json_object_new ();
  JsonArray *elements = json_array_new ();
  g_auto(GStrv) urns = NULL;

  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "organizationalEntity"), ROUNDS_LINKEDIN_STUB_ORG_URN) != 0)
    {
      json_object_unref (o);
      json_array_unref (elements);
      respond_error (msg, 400, 100, "Invalid organizationalEntity");
      return;
    }
  if (shares != NULL && g_str_has_prefix (shares, "List(") && g_str_has_suffix (shares, ")"))
    {
      g_autofree char *inner = g_strndup (shares + 5, strlen (shares) - 6);

      urns = g_strsplit (inner, ",", -1);
    }
  for (guint i = 0; urns && urns[i]; i++)
    {
      g_autofree char *urn = g_uri_unescape_string (urns[i], NULL);
      Item *item = urn ? find_post (self, urn) : NULL;
      JsonObject *element, *stats;
      const char *names[] = { "impressionCount", "uniqueImpressionsCount", "likeCount", "commentCount",
                              "shareCount", "clickCount", "engagement" };

      if (item == NULL)
        continue;
      element = json_object_new ();
      stats = json_object_new ();
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          gint64 *value = g_hash_table_lookup (item->stats, names[n]);

          json_object_set_int_member (stats, names[n], value ? *value : 0);
        }
      json_object_set_string_member (element, "share", item->urn);
      json_object_set_string_member (element, "organizationalEntity", ROUNDS_LINKEDIN_STUB_ORG_URN);
      json_object_set_object_member (element, "totalShareStatistics", stats);
      json_array_add_object_element (elements, element);
    }
  json_object_set_array_member (o, "elements", elements);
  respond_object (msg, 200, o);
}

/* ------------------------------------------------------------------ */

/* Returns TRUE when a fault answered (or will never answer) the request.
 * CUT_AFTER sets *cut_after and lets the request act. */
static gboolean
apply_fault (RoundsLinkedinStub *self,
             SoupServerMessage  *msg,
             const char         *path,
             gboolean           *cut_after)
{
  g_autoptr(RoundsStubFault) f = rounds_stub_server_take_fault (&self->http, path);

  *cut_after = FALSE;
  if (f == NULL)
    return FALSE;

  if (f->retry_after)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                  f->retry_after);
  switch ((RoundsLinkedinStubFault) f->kind)
    {
    case ROUNDS_LINKEDIN_STUB_FAULT_STATUS:
      respond_error (msg, f->status, f->status == 429 ? 0 : 100,
                     f->status == 429 ? "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."
                     : f->status == 401 ? "The token used in the request has expired"
                     : f->status == 403 ? "Not enough permissions to access: partnerApiPostsExternal.CREATE.20261001"
                     : "Injected failure");
      break;
    case ROUNDS_LINKEDIN_STUB_FAULT_HTML:
      rounds_stub_respond_html (msg, f->status, "<html><body>Request denied</body></html>");
      break;
    case ROUNDS_LINKEDIN_STUB_FAULT_HANG:
      rounds_stub_server_hold (&self->http, msg);
      break;
    case ROUNDS_LINKEDIN_STUB_FAULT_CUT:
      rounds_stub_cut (msg);
      break;
    case ROUNDS_LINKEDIN_STUB_FAULT_CUT_AFTER:
      *cut_after = TRUE;
      return FALSE;
    default:
      break;
    }
  return TRUE;
}

/* OAuth 2 (LinkedIn's 3-legged flow with PKCE) --------------------------- */

static void
handle_access_token (RoundsLinkedinStub *self,
                     SoupServerMessage  *msg)
{
  g_autoptr(GHashTable) form = rounds_stub_oauth_read_form (msg);
  g_autofree char *token = NULL;
  JsonObject *o;

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "authorization_code") != 0)
    {
      rounds_stub_oauth_respond_error (msg, 400, "unsupported_grant_type", "Grant type is not supported");
      return;
    }
  if (g_hash_table_lookup (form, "client_id") == NULL
      || g_hash_table_lookup (form, "client_secret") == NULL)
    {
      rounds_stub_oauth_respond_error (msg, 401, "invalid_client", "Client authentication failed");
      return;
    }
  if (!rounds_stub_oauth_redeem (self->oauth, g_hash_table_lookup (form, "code"),
                                 g_hash_table_lookup (form, "code_verifier"),
                                 g_hash_table_lookup (form, "redirect_uri")))
    {
      rounds_stub_oauth_respond_error (msg, 400, "invalid_request",
                           "Unable to retrieve access token: appid/redirect uri/code verifier "
                           "does not match authorization code. Or authorization code expired.");
      return;
    }
  token = g_strdup_printf ("AQV-signed-in-%" G_GUINT64_FORMAT, self->next_id++);
  g_hash_table_add (self->tokens, g_strdup (token));
  o = json_object_new ();
  json_object_set_string_member (o, "access_token", token);
  json_object_set_int_member (o, "expires_in", 5184000);
  json_object_set_string_member (o, "scope", "r_organization_admin,rw_organization_admin,"
                                             "w_organization_social,r_organization_social");
  respond_object (msg, 200, o);
}

/* The organizations the member administers. LinkedIn may answer fewer
 * elements than the count asked for: one per page here, so that a
 * client must follow start/total. */
static void
handle_organization_acls (RoundsLinkedinStub *self,
                          SoupServerMessage  *msg,
                          GHashTable         *query)
{
  GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char * const orgs[] = { ROUNDS_LINKEDIN_STUB_ORG_URN, ROUNDS_LINKEDIN_STUB_ORG2_URN };
  g_autoptr(GHashTable) one = NULL;

  if (g_strcmp0 (query ? g_hash_table_lookup (query, "q") : NULL, "roleAssignee") != 0)
    {
      g_ptr_array_unref (elements);
      respond_error (msg, 400, 100, "Invalid query parameters passed to request");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (orgs); i++)
    {
      JsonObject *acl = json_object_new ();

      json_object_set_string_member (acl, "roleAssignee", "urn:li:person:clinicmanager");
      json_object_set_string_member (acl, "state", "APPROVED");
      json_object_set_string_member (acl, "role", "ADMINISTRATOR");
      json_object_set_string_member (acl, "organization", orgs[i]);
      g_ptr_array_add (elements, acl);
    }
  one = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (one, (gpointer) "start", query ? g_hash_table_lookup (query, "start") : NULL);
  g_hash_table_insert (one, (gpointer) "count", (gpointer) "1");
  respond_object (msg, 200, paged (elements, one));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *raw_path,
           GHashTable        *query,
           gpointer           user_data)
{
  RoundsLinkedinStub *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *path = g_uri_unescape_string (raw_path, NULL);
  gboolean cut_after = FALSE;

  self->requests++;
  if (path == NULL)
    path = g_strdup (raw_path);
  if (apply_fault (self, msg, path, &cut_after))
    return;

  if (g_str_equal (path, "/oauth/v2/authorization") && g_str_equal (method, "GET"))
    {
      rounds_stub_oauth_authorize (self->oauth, msg, query);
      goto done;
    }
  if (g_str_equal (path, "/oauth/v2/accessToken") && g_str_equal (method, "POST"))
    {
      handle_access_token (self, msg);
      goto done;
    }

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ")
      || !g_hash_table_contains (self->tokens, auth + 7))
    {
      respond_error (msg, 401, 65600, "Invalid access token");
      goto done;
    }

  if (g_str_has_prefix (path, "/dms-uploads/") && g_str_equal (method, "PUT"))
    {
      g_autofree char *urn = g_strconcat ("urn:li:image:", path + strlen ("/dms-uploads/"), NULL);
      Image *image = g_hash_table_lookup (self->images, urn);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      if (image == NULL || g_bytes_get_size (bytes) == 0)
        soup_server_message_set_status (msg, 400, NULL);
      else
        {
          image->uploaded = TRUE;
          image->bytes = g_bytes_get_size (bytes);
          soup_server_message_set_status (msg, 201, NULL);
        }
      goto done;
    }

  if (g_strcmp0 (soup_message_headers_get_one (headers, "Linkedin-Version"), NULL) == 0
      || strlen (soup_message_headers_get_one (headers, "Linkedin-Version")) != 6)
    {
      respond_error (msg, 426, 0, "A valid LinkedIn-Version header is required (YYYYMM).");
      goto done;
    }
  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Restli-Protocol-Version"), "2.0.0") != 0)
    {
      respond_error (msg, 400, 100, "Rest.li protocol 2.0.0 is required");
      goto done;
    }

  if (g_str_equal (path, "/rest/organizations/" ROUNDS_LINKEDIN_STUB_ORG_ID) && g_str_equal (method, "GET"))
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", g_ascii_strtoll (ROUNDS_LINKEDIN_STUB_ORG_ID, NULL, 10));
      json_object_set_string_member (o, "localizedName", "Sunrise Family Clinic");
      json_object_set_string_member (o, "vanityName", "sunrise-family-clinic");
      respond_object (msg, 200, o);
    }
  else if (g_str_equal (path, "/rest/organizations/" ROUNDS_LINKEDIN_STUB_ORG2_ID) && g_str_equal (method, "GET"))
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", g_ascii_strtoll (ROUNDS_LINKEDIN_STUB_ORG2_ID, NULL, 10));
      json_object_set_string_member (o, "localizedName", "Sunrise Pediatrics");
      json_object_set_string_member (o, "vanityName", "sunrise-pediatrics");
      respond_object (msg, 200, o);
    }
  else if (g_str_equal (path, "/rest/organizationAcls") && g_str_equal (method, "GET"))
    handle_organization_acls (self, msg, query);
  else if (g_str_has_prefix (path, "/rest/organizations/"))
    respond_error (msg, 403, 100, "Not enough permissions to access: organizations.GET");
  else if (g_str_equal (path, "/rest/images") && g_str_equal (method, "POST")
           && query && g_strcmp0 (g_hash_table_lookup (query, "action"), "initializeUpload") == 0)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *body = body_object (msg, &root);
      JsonObject *request = member_object (body, "initializeUploadRequest");
      guint64 n = self->next_id++;
      Image *image;
      JsonObject *o, *value;
      g_autofree char *url = NULL;

      if (g_strcmp0 (member_string (request, "owner"), ROUNDS_LINKEDIN_STUB_ORG_URN) != 0)
        {
          respond_error (msg, 422, 100, "/initializeUploadRequest/owner :: invalid owner");
          goto done;
        }
      image = g_new0 (Image, 1);
      image->urn = g_strdup_printf ("urn:li:image:D4E%" G_GUINT64_FORMAT, n);
      g_hash_table_insert (self->images, image->urn, image);
      url = g_strdup_printf ("http://%s:%u/dms-uploads/D4E%" G_GUINT64_FORMAT,
                             self->foreign_upload ? "localhost" : "127.0.0.1", self->http.port, n);
      o = json_object_new ();
      value = json_object_new ();
      json_object_set_int_member (value, "uploadUrlExpiresAt", now_ms () + 3600 * 1000);
      json_object_set_string_member (value, "uploadUrl", url);
      json_object_set_string_member (value, "image", image->urn);
      json_object_set_object_member (o, "value", value);
      respond_object (msg, 200, o);
    }
  else if (g_str_equal (path, "/rest/posts") && g_str_equal (method, "POST"))
    handle_create_post (self, msg);
  else if (g_str_equal (path, "/rest/posts") && g_str_equal (method, "GET"))
    handle_posts_list (self, msg, query);
  else if (g_str_has_prefix (path, "/rest/posts/") && g_str_equal (method, "DELETE"))
    {
      Item *item = find_post (self, path + strlen ("/rest/posts/"));

      if (item == NULL)
        respond_error (msg, 404, 0, "Not Found");
      else
        {
          item->deleted = TRUE;
          soup_server_message_set_status (msg, 204, NULL);
        }
    }
  else if (g_str_has_prefix (path, "/rest/socialActions/") && strstr (path, "/comments/") != NULL
           && g_str_equal (method, "GET"))
    {
      /* Get a Comment: /rest/socialActions/{target}/comments/{id}; one
       * that was deleted (or never was) is a 404. */
      const char *target = path + strlen ("/rest/socialActions/");
      const char *rest = strstr (target, "/comments/");
      g_autofree char *urn = g_strdup_printf ("urn:li:comment:(%.*s,%s)", (int) (rest - target), target,
                                              rest + strlen ("/comments/"));
      Item *item = g_hash_table_lookup (self->items, urn);

      if (item == NULL || item->deleted || item->post == NULL)
        respond_error (msg, 404, 0, "Not Found");
      else
        respond_object (msg, 200, comment_json (item));
    }
  else if (g_str_has_prefix (path, "/rest/socialActions/") && g_str_has_suffix (path, "/comments"))
    {
      g_autofree char *urn = g_strndup (path + strlen ("/rest/socialActions/"),
                                        strlen (path) - strlen ("/rest/socialActions/") - strlen ("/comments"));

      handle_comments (self, msg, query, urn, g_str_equal (method, "POST"));
    }
  else if (g_str_equal (path, "/rest/networkSizes/" ROUNDS_LINKEDIN_STUB_ORG_URN) && g_str_equal (method, "GET"))
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "firstDegreeSize", 560);
      respond_object (msg, 200, o);
    }
  else if (g_str_equal (path, "/rest/organizationalEntityShareStatistics") && g_str_equal (method, "GET"))
    handle_statistics (self, msg, query);
  else
    respond_error (msg, 404, 0, "Not Found");

done:
  if (cut_after)
    rounds_stub_cut (msg);
}

/* ------------------------------------------------------------------ */

static void
rounds_linkedin_stub_finalize (GObject *object)
{
  RoundsLinkedinStub *self = ROUNDS_LINKEDIN_STUB (object);

  rounds_stub_server_stop (&self->http);
  g_hash_table_unref (self->tokens);
  rounds_stub_oauth_free (self->oauth);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->images);

  G_OBJECT_CLASS (rounds_linkedin_stub_parent_class)->finalize (object);
}

static void
rounds_linkedin_stub_class_init (RoundsLinkedinStubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_linkedin_stub_finalize;
}

static void
rounds_linkedin_stub_init (RoundsLinkedinStub *self)
{
  self->next_id = 7100000000000000001;
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->oauth = rounds_stub_oauth_new ("AQT");
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) item_free);
  self->order = g_ptr_array_new ();
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) image_free);
}

RoundsLinkedinStub *
rounds_linkedin_stub_new (GError **error)
{
  g_autoptr(RoundsLinkedinStub) self = g_object_new (ROUNDS_TYPE_LINKEDIN_STUB, NULL);

  if (!rounds_stub_server_start (&self->http, "linkedin-stub", server_cb, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rounds_linkedin_stub_get_base_url (RoundsLinkedinStub *self)
{
  return self->http.base_url;
}

void
rounds_linkedin_stub_add_token (RoundsLinkedinStub *self,
                                const char         *token)
{
  g_hash_table_add (self->tokens, g_strdup (token));
}

void
rounds_linkedin_stub_revoke_tokens (RoundsLinkedinStub *self)
{
  g_hash_table_remove_all (self->tokens);
}

void
rounds_linkedin_stub_set_foreign_upload (RoundsLinkedinStub *self,
                                         gboolean            foreign)
{
  self->foreign_upload = foreign;
}

void
rounds_linkedin_stub_add_fault (RoundsLinkedinStub      *self,
                                const char              *path_prefix,
                                RoundsLinkedinStubFault  kind,
                                guint                    status,
                                guint                    count,
                                const char              *retry_after)
{
  rounds_stub_server_add_fault (&self->http, path_prefix, kind, status, count, retry_after);
}

char *
rounds_linkedin_stub_add_post (RoundsLinkedinStub *self,
                               const char         *text,
                               gint64              at)
{
  Item *item = item_new (self, g_strdup_printf ("urn:li:share:%" G_GUINT64_FORMAT, self->next_id++));

  item->text = g_strdup (text);
  item->actor = g_strdup (ROUNDS_LINKEDIN_STUB_ORG_URN);
  if (at != 0)
    item->created_ms = at * 1000;
  return g_strdup (item->urn);
}

char *
rounds_linkedin_stub_add_comment (RoundsLinkedinStub *self,
                                  const char         *post_urn,
                                  const char         *parent_urn,
                                  const char         *text,
                                  gint64              at)
{
  Item *item = item_new (self, g_strdup_printf ("urn:li:comment:(%s,%" G_GUINT64_FORMAT ")", post_urn,
                                                self->next_id++));

  item->text = g_strdup (text);
  item->post = g_strdup (post_urn);
  item->parent = g_strdup (parent_urn);
  item->actor = g_strdup_printf ("urn:li:person:m%" G_GUINT64_FORMAT, self->next_id++);
  if (at != 0)
    item->created_ms = at * 1000;
  return g_strdup (item->urn);
}

gboolean
rounds_linkedin_stub_delete_comment (RoundsLinkedinStub *self,
                                     const char         *comment_urn)
{
  Item *item = g_hash_table_lookup (self->items, comment_urn);

  if (item == NULL || item->deleted || item->post == NULL)
    return FALSE;
  item->deleted = TRUE;
  return TRUE;
}

void
rounds_linkedin_stub_set_statistic (RoundsLinkedinStub *self,
                                    const char         *post_urn,
                                    const char         *name,
                                    gint64              value)
{
  Item *item = g_hash_table_lookup (self->items, post_urn);

  if (item != NULL)
    g_hash_table_replace (item->stats, g_strdup (name), g_memdup2 (&value, sizeof value));
}

guint
rounds_linkedin_stub_count_posts (RoundsLinkedinStub *self)
{
  guint n = 0;

  for (guint i = 0; i < self->order->len; i++)
    {
      Item *item = g_ptr_array_index (self->order, i);

      n += item->post == NULL && !item->deleted;
    }
  return n;
}

const char *
rounds_linkedin_stub_get_text (RoundsLinkedinStub *self,
                               const char         *urn)
{
  Item *item = g_hash_table_lookup (self->items, urn);

  return item && !item->deleted ? item->text : NULL;
}

guint
rounds_linkedin_stub_count_images (RoundsLinkedinStub *self,
                                   const char         *urn)
{
  Item *item = g_hash_table_lookup (self->items, urn);

  return item ? item->images->len : 0;
}

const char *
rounds_linkedin_stub_get_alt (RoundsLinkedinStub *self,
                              const char         *urn,
                              guint               index)
{
  Item *item = g_hash_table_lookup (self->items, urn);

  return item && index < item->alts->len ? g_ptr_array_index (item->alts, index) : NULL;
}

gsize
rounds_linkedin_stub_get_image_bytes (RoundsLinkedinStub *self,
                                      const char         *urn)
{
  Item *item = g_hash_table_lookup (self->items, urn);
  gsize total = 0;

  for (guint i = 0; item && i < item->images->len; i++)
    {
      Image *image = g_hash_table_lookup (self->images, g_ptr_array_index (item->images, i));

      total += image ? image->bytes : 0;
    }
  return total;
}

const char *
rounds_linkedin_stub_get_parent (RoundsLinkedinStub *self,
                                 const char         *comment_urn)
{
  Item *item = g_hash_table_lookup (self->items, comment_urn);

  return item ? item->parent : NULL;
}

guint
rounds_linkedin_stub_get_request_count (RoundsLinkedinStub *self)
{
  return self->requests;
}
