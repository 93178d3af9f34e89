/* rounds-google-stub.c — a Google Business Profile API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "google-stub"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rounds-google-stub.h"
#include "rounds-stub-server.h"
#include "rounds-stub-oauth.h"

/* Written from the shapes of the v4 LocalPost and Review resources, the
 * reviews.updateReply method, Google's JSON error format and the OAuth 2
 * token endpoint, as summarised in PLATFORMS.md. */

typedef struct
{
  char    *name;
  char    *text;        /* summary or comment */
  char    *cta_url;
  char    *reviewer;
  char    *stars;
  char    *reply;
  gint64   created;
  gint64   updated;
  gboolean review;
  gboolean deleted;
} Item;

struct _RoundsGoogleStub
{
  GObject     parent_instance;

  RoundsStubServer http;
  guint64     next_id;
  char       *refresh_token;
  guint       refreshes;
  GHashTable *tokens;
  RoundsStubOAuth *oauth;
  GPtrArray  *items;
};

G_DEFINE_FINAL_TYPE (RoundsGoogleStub, rounds_google_stub, G_TYPE_OBJECT)

static void
item_free (Item *i)
{
  g_free (i->name);
  g_free (i->text);
  g_free (i->cta_url);
  g_free (i->reviewer);
  g_free (i->stars);
  g_free (i->reply);
  g_free (i);
}

static char *
rfc3339 (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000000Z");
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *data = NULL;

  json_node_take_object (node, object);
  data = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_COPY,
                                    data, strlen (data));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *name,
               const char        *message)
{
  JsonObject *o = json_object_new ();
  JsonObject *e = json_object_new ();

  json_object_set_int_member (e, "code", status);
  json_object_set_string_member (e, "message", message);
  json_object_set_string_member (e, "status", name);
  json_object_set_object_member (o, "error", e);
  respond_object (msg, status, o);
}

static Item *
find (RoundsGoogleStub *self,
      const char       *name,
      gboolean          review)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (!item->deleted && item->review == review && g_strcmp0 (item->name, name) == 0)
        return item;
    }
  return NULL;
}

static JsonObject *
post_json (Item *i)
{
  JsonObject *o = json_object_new ();
  g_autofree char *created = rfc3339 (i->created);
  g_autofree char *url = g_strdup_printf ("https://local.google.com/place?id=222&use=posts&lpsid=%s",
                                          strrchr (i->name, '/') + 1);

  json_object_set_string_member (o, "name", i->name);
  json_object_set_string_member (o, "summary", i->text);
  json_object_set_string_member (o, "topicType", "STANDARD");
  json_object_set_string_member (o, "state", "LIVE");
  json_object_set_string_member (o, "createTime", created);
  json_object_set_string_member (o, "updateTime", created);
  json_object_set_string_member (o, "searchUrl", url);
  return o;
}

static JsonObject *
review_json (Item *i)
{
  JsonObject *o = json_object_new ();
  JsonObject *reviewer = json_object_new ();
  g_autofree char *created = rfc3339 (i->created);
  g_autofree char *updated = rfc3339 (i->updated);

  json_object_set_string_member (o, "name", i->name);
  json_object_set_string_member (o, "reviewId", strrchr (i->name, '/') + 1);
  json_object_set_string_member (reviewer, "displayName", i->reviewer);
  json_object_set_boolean_member (reviewer, "isAnonymous", FALSE);
  json_object_set_object_member (o, "reviewer", reviewer);
  json_object_set_string_member (o, "starRating", i->stars);
  if (i->text)
    json_object_set_string_member (o, "comment", i->text);
  json_object_set_string_member (o, "createTime", created);
  json_object_set_string_member (o, "updateTime", updated);
  if (i->reply)
    {
      JsonObject *reply = json_object_new ();

      json_object_set_string_member (reply, "comment", i->reply);
      json_object_set_string_member (reply, "updateTime", updated);
      json_object_set_object_member (o, "reviewReply", reply);
    }
  return o;
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Item *x = *(Item * const *) a;
  const Item *y = *(Item * const *) b;
  gint64 tx = x->review ? x->updated : x->created;
  gint64 ty = y->review ? y->updated : y->created;

  return tx < ty ? 1 : tx > ty ? -1 : 0;
}

static void
respond_list (RoundsGoogleStub  *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              gboolean           reviews)
{
  const char *size_text = query ? g_hash_table_lookup (query, "pageSize") : NULL;
  const char *token = query ? g_hash_table_lookup (query, "pageToken") : NULL;
  guint size = size_text ? (guint) CLAMP (g_ascii_strtoull (size_text, NULL, 10), 1, 100) : 20;
  guint start = token ? (guint) g_ascii_strtoull (token + strlen ("page-"), NULL, 10) : 0;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  JsonObject *o = json_object_new ();
  JsonArray *array = json_array_new ();
  double sum = 0;
  guint total = 0;

  if (token != NULL && !g_str_has_prefix (token, "page-"))
    {
      json_object_unref (o);
      json_array_unref (array);
      respond_error (msg, 400, "INVALID_ARGUMENT", "Invalid page token.");
      return;
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (!item->deleted && item->review == reviews)
        g_ptr_array_add (list, item);
    }
  g_ptr_array_sort (list, newest_first);
  for (guint i = start; i < list->len && i < start + size; i++)
    json_array_add_object_element (array, reviews ? review_json (g_ptr_array_index (list, i))
                                                   : post_json (g_ptr_array_index (list, i)));
  json_object_set_array_member (o, reviews ? "reviews" : "localPosts", array);
  if (start + size < list->len)
    {
      g_autofree char *next = g_strdup_printf ("page-%u", start + size);

      json_object_set_string_member (o, "nextPageToken", next);
    }
  if (reviews)
    {
      for (guint i = 0; i < list->len; i++)
        {
          Item *item = g_ptr_array_index (list, i);
          const char *stars[] = { "ONE", "TWO", "THREE", "FOUR", "FIVE" };

          for (guint s = 0; s < 5; s++)
            if (g_str_equal (item->stars, stars[s]))
              sum += s + 1;
          total++;
        }
      json_object_set_double_member (o, "averageRating", total ? sum / total : 0);
      json_object_set_int_member (o, "totalReviewCount", total);
    }
  respond_object (msg, 200, o);
}

static JsonObject *
body_object (SoupServerMessage *msg,
             JsonNode         **root)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  *root = json_from_string (g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "null", NULL);
  return *root && JSON_NODE_HOLDS_OBJECT (*root) ? json_node_get_object (*root) : NULL;
}

/* A code for tokens: an access token for an hour and a refresh token. */
static void
handle_code (RoundsGoogleStub  *self,
             SoupServerMessage *msg,
             GHashTable        *form)
{
  g_autofree char *token = NULL;
  JsonObject *o;

  if (g_hash_table_lookup (form, "client_secret") == NULL)
    {
      rounds_stub_oauth_respond_error (msg, 400, "invalid_request", "client_secret is missing.");
      return;
    }
  if (!rounds_stub_oauth_redeem (self->oauth, g_hash_table_lookup (form, "code"),
                                 g_hash_table_lookup (form, "code_verifier"),
                                 g_hash_table_lookup (form, "redirect_uri")))
    {
      rounds_stub_oauth_respond_error (msg, 400, "invalid_grant", "Bad Request");
      return;
    }
  token = g_strdup_printf ("ya29.signed-in-%" G_GUINT64_FORMAT, self->next_id++);
  g_hash_table_add (self->tokens, g_strdup (token));
  g_free (self->refresh_token);
  self->refresh_token = g_strdup_printf ("1//refresh-%" G_GUINT64_FORMAT, self->next_id++);
  o = json_object_new ();
  json_object_set_string_member (o, "access_token", token);
  json_object_set_int_member (o, "expires_in", 3599);
  json_object_set_string_member (o, "refresh_token", self->refresh_token);
  json_object_set_string_member (o, "scope", "https://www.googleapis.com/auth/business.manage");
  json_object_set_string_member (o, "token_type", "Bearer");
  respond_object (msg, 200, o);
}

static void
handle_token (RoundsGoogleStub  *self,
              SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = rounds_stub_oauth_read_form (msg);
  JsonObject *o;
  g_autofree char *token = NULL;

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "authorization_code") == 0)
    {
      handle_code (self, msg, form);
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "refresh_token") != 0
      || self->refresh_token == NULL
      || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), self->refresh_token) != 0
      || g_hash_table_lookup (form, "client_id") == NULL)
    {
      rounds_stub_oauth_respond_error (msg, 400, "invalid_grant", "Token has been expired or revoked.");
      return;
    }
  self->refreshes++;
  token = g_strdup_printf ("ya29.fresh-%" G_GUINT64_FORMAT, self->next_id++);
  g_hash_table_add (self->tokens, g_strdup (token));
  o = json_object_new ();
  json_object_set_string_member (o, "access_token", token);
  json_object_set_int_member (o, "expires_in", 3599);
  json_object_set_string_member (o, "scope", "https://www.googleapis.com/auth/business.manage");
  json_object_set_string_member (o, "token_type", "Bearer");
  respond_object (msg, 200, o);
}

/* Account Management v1: the accounts, one per page (pageSize may be
 * answered with fewer), so that a client must follow nextPageToken. */
static void
handle_accounts (RoundsGoogleStub  *self,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *page = query ? g_hash_table_lookup (query, "pageToken") : NULL;
  JsonObject *o = json_object_new ();
  JsonObject *account = json_object_new ();
  JsonArray *accounts = json_array_new ();

  if (page == NULL)
    {
      json_object_set_string_member (account, "name", "accounts/111");
      json_object_set_string_member (account, "accountName", "Sunrise Family Clinic");
      json_object_set_string_member (account, "type", "LOCATION_GROUP");
      json_object_set_string_member (o, "nextPageToken", "second page");
    }
  else if (g_str_equal (page, "second page"))
    {
      json_object_set_string_member (account, "name", "accounts/333");
      json_object_set_string_member (account, "accountName", "Dr. Ortiz");
      json_object_set_string_member (account, "type", "PERSONAL");
    }
  else
    {
      json_object_unref (account);
      json_array_unref (accounts);
      json_object_unref (o);
      respond_error (msg, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
      return;
    }
  json_array_add_object_element (accounts, account);
  json_object_set_array_member (o, "accounts", accounts);
  respond_object (msg, 200, o);
}

/* Business Information v1: an account's locations ({} when it has none). */
static void
handle_locations (RoundsGoogleStub  *self,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query)
{
  JsonObject *o = json_object_new ();

  if (query == NULL || g_hash_table_lookup (query, "readMask") == NULL)
    {
      json_object_unref (o);
      respond_error (msg, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
      return;
    }
  if (g_str_equal (path, "/v1/accounts/111/locations"))
    {
      JsonArray *locations = json_array_new ();
      JsonObject *location = json_object_new ();
      JsonObject *address = json_object_new ();
      JsonArray *lines = json_array_new ();

      json_object_set_string_member (location, "name", "locations/222");
      json_object_set_string_member (location, "title", "Sunrise Family Clinic");
      json_array_add_string_element (lines, "12 Main Street");
      json_object_set_array_member (address, "addressLines", lines);
      json_object_set_string_member (address, "locality", "Springfield");
      json_object_set_object_member (location, "storefrontAddress", address);
      json_array_add_object_element (locations, location);
      json_object_set_array_member (o, "locations", locations);
    }
  respond_object (msg, 200, o);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RoundsGoogleStub *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *prefix = "/v4/" ROUNDS_GOOGLE_STUB_LOCATION;
  const char *rest;
  g_autoptr(RoundsStubFault) fault = NULL;

  if (g_str_equal (path, "/token") && g_str_equal (method, "POST"))
    {
      handle_token (self, msg);
      return;
    }
  if (g_str_equal (path, "/o/oauth2/v2/auth") && g_str_equal (method, "GET"))
    {
      rounds_stub_oauth_authorize (self->oauth, msg, query);
      return;
    }
  if ((fault = rounds_stub_server_take_fault (&self->http, path)) != NULL)
    {
      respond_error (msg, fault->status, fault->status_name,
                     fault->status == 403 ? "Google My Business API has not been used in project 123 "
                                            "before or it is disabled."
                                          : "Quota exceeded for quota metric 'Requests'.");
      return;
    }
  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || !g_hash_table_contains (self->tokens, auth + 7))
    {
      respond_error (msg, 401, "UNAUTHENTICATED",
                     "Request had invalid authentication credentials. Expected OAuth 2 access token.");
      return;
    }
  if (g_str_equal (path, "/v1/accounts") && g_str_equal (method, "GET"))
    {
      handle_accounts (self, msg, query);
      return;
    }
  if (g_str_has_prefix (path, "/v1/accounts/") && g_str_has_suffix (path, "/locations")
      && g_str_equal (method, "GET"))
    {
      handle_locations (self, msg, path, query);
      return;
    }
  if (!g_str_has_prefix (path, prefix))
    {
      respond_error (msg, 404, "NOT_FOUND", "Requested entity was not found.");
      return;
    }
  rest = path + strlen (prefix);

  if (g_str_equal (rest, "/localPosts") && g_str_equal (method, "GET"))
    respond_list (self, msg, query, FALSE);
  else if (g_str_equal (rest, "/localPosts") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *body = body_object (msg, &root);
      JsonNode *summary = body ? json_object_get_member (body, "summary") : NULL;
      JsonNode *cta = body ? json_object_get_member (body, "callToAction") : NULL;
      Item *item;

      if (summary == NULL || !JSON_NODE_HOLDS_VALUE (summary)
          || g_utf8_strlen (json_node_get_string (summary), -1) > 1500)
        {
          respond_error (msg, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
          return;
        }
      item = g_new0 (Item, 1);
      item->name = g_strdup_printf ("%s/localPosts/%" G_GUINT64_FORMAT, ROUNDS_GOOGLE_STUB_LOCATION, self->next_id++);
      item->text = g_strdup (json_node_get_string (summary));
      if (cta && JSON_NODE_HOLDS_OBJECT (cta) && json_object_has_member (json_node_get_object (cta), "url"))
        item->cta_url = g_strdup (json_object_get_string_member (json_node_get_object (cta), "url"));
      item->created = item->updated = g_get_real_time () / G_USEC_PER_SEC;
      g_ptr_array_add (self->items, item);
      respond_object (msg, 200, post_json (item));
    }
  else if (g_str_has_prefix (rest, "/localPosts/") && g_str_equal (method, "DELETE"))
    {
      Item *item = find (self, path + strlen ("/v4/"), FALSE);

      if (item == NULL)
        respond_error (msg, 404, "NOT_FOUND", "Requested entity was not found.");
      else
        {
          item->deleted = TRUE;
          respond_object (msg, 200, json_object_new ());
        }
    }
  else if (g_str_equal (rest, "/reviews") && g_str_equal (method, "GET"))
    respond_list (self, msg, query, TRUE);
  else if (g_str_has_prefix (rest, "/reviews/") && strchr (rest + strlen ("/reviews/"), '/') == NULL
           && g_str_equal (method, "GET"))
    {
      /* reviews.get: a review its author deleted is NOT_FOUND. */
      Item *item = find (self, path + strlen ("/v4/"), TRUE);

      if (item == NULL)
        respond_error (msg, 404, "NOT_FOUND", "Requested entity was not found.");
      else
        respond_object (msg, 200, review_json (item));
    }
  else if (g_str_has_prefix (rest, "/reviews/") && g_str_has_suffix (rest, "/reply") && g_str_equal (method, "PUT"))
    {
      g_autofree char *name = g_strndup (path + strlen ("/v4/"), strlen (path) - strlen ("/v4/") - strlen ("/reply"));
      Item *item = find (self, name, TRUE);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *body = body_object (msg, &root);
      JsonNode *comment = body ? json_object_get_member (body, "comment") : NULL;
      JsonObject *o;
      g_autofree char *updated = NULL;

      if (item == NULL)
        {
          respond_error (msg, 404, "NOT_FOUND", "Requested entity was not found.");
          return;
        }
      if (comment == NULL || !JSON_NODE_HOLDS_VALUE (comment) || json_node_get_string (comment)[0] == '\0')
        {
          respond_error (msg, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
          return;
        }
      g_free (item->reply);
      item->reply = g_strdup (json_node_get_string (comment));
      item->updated = g_get_real_time () / G_USEC_PER_SEC;
      updated = rfc3339 (item->updated);
      o = json_object_new ();
      json_object_set_string_member (o, "comment", item->reply);
      json_object_set_string_member (o, "updateTime", updated);
      respond_object (msg, 200, o);
    }
  else
    respond_error (msg, 404, "NOT_FOUND", "Requested entity was not found.");
}

static void
rounds_google_stub_finalize (GObject *object)
{
  RoundsGoogleStub *self = ROUNDS_GOOGLE_STUB (object);

  rounds_stub_server_stop (&self->http);
  g_free (self->refresh_token);
  g_hash_table_unref (self->tokens);
  rounds_stub_oauth_free (self->oauth);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (rounds_google_stub_parent_class)->finalize (object);
}

static void
rounds_google_stub_class_init (RoundsGoogleStubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_google_stub_finalize;
}

static void
rounds_google_stub_init (RoundsGoogleStub *self)
{
  self->next_id = 900001;
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->oauth = rounds_stub_oauth_new ("4/0A");
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
}

RoundsGoogleStub *
rounds_google_stub_new (GError **error)
{
  g_autoptr(RoundsGoogleStub) self = g_object_new (ROUNDS_TYPE_GOOGLE_STUB, NULL);

  if (!rounds_stub_server_start (&self->http, "google-stub", server_cb, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rounds_google_stub_get_base_url (RoundsGoogleStub *self)
{
  return self->http.base_url;
}

void
rounds_google_stub_add_token (RoundsGoogleStub *self,
                              const char       *token)
{
  g_hash_table_add (self->tokens, g_strdup (token));
}

void
rounds_google_stub_expire_tokens (RoundsGoogleStub *self)
{
  g_hash_table_remove_all (self->tokens);
}

void
rounds_google_stub_set_refresh_token (RoundsGoogleStub *self,
                                      const char       *refresh_token)
{
  g_free (self->refresh_token);
  self->refresh_token = g_strdup (refresh_token);
}

void
rounds_google_stub_add_fault (RoundsGoogleStub *self,
                              const char       *prefix,
                              guint             status,
                              const char       *status_name,
                              guint             count)
{
  RoundsStubFault *f = rounds_stub_server_add_fault (&self->http, prefix, 0, status, count, NULL);

  f->status_name = g_strdup (status_name);
}

char *
rounds_google_stub_add_review (RoundsGoogleStub *self,
                               const char       *reviewer,
                               const char       *stars,
                               const char       *comment,
                               gint64            at)
{
  Item *item = g_new0 (Item, 1);

  item->review = TRUE;
  item->name = g_strdup_printf ("%s/reviews/AbFvOq%" G_GUINT64_FORMAT, ROUNDS_GOOGLE_STUB_LOCATION, self->next_id++);
  item->reviewer = g_strdup (reviewer);
  item->stars = g_strdup (stars);
  item->text = g_strdup (comment);
  item->created = item->updated = at;
  g_ptr_array_add (self->items, item);
  return g_strdup (item->name);
}

gboolean
rounds_google_stub_delete_review (RoundsGoogleStub *self,
                                  const char       *name)
{
  Item *item = find (self, name, TRUE);

  if (item == NULL)
    return FALSE;
  item->deleted = TRUE;
  return TRUE;
}

char *
rounds_google_stub_add_post (RoundsGoogleStub *self,
                             const char       *summary,
                             gint64            at)
{
  Item *item = g_new0 (Item, 1);

  item->name = g_strdup_printf ("%s/localPosts/%" G_GUINT64_FORMAT, ROUNDS_GOOGLE_STUB_LOCATION, self->next_id++);
  item->text = g_strdup (summary);
  item->created = item->updated = at;
  g_ptr_array_add (self->items, item);
  return g_strdup (item->name);
}

guint
rounds_google_stub_count_posts (RoundsGoogleStub *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      n += !item->review && !item->deleted;
    }
  return n;
}

const char *
rounds_google_stub_get_summary (RoundsGoogleStub *self,
                                const char       *name)
{
  Item *item = find (self, name, FALSE);

  return item ? item->text : NULL;
}

const char *
rounds_google_stub_get_cta_url (RoundsGoogleStub *self,
                                const char       *name)
{
  Item *item = find (self, name, FALSE);

  return item ? item->cta_url : NULL;
}

const char *
rounds_google_stub_get_reply (RoundsGoogleStub *self,
                              const char       *review_name)
{
  Item *item = find (self, review_name, TRUE);

  return item ? item->reply : NULL;
}

guint
rounds_google_stub_get_refreshes (RoundsGoogleStub *self)
{
  return self->refreshes;
}
