/* rounds-mastodon-stub.c — a Mastodon API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mastodon-stub"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rounds-mastodon-stub.h"
#include "rounds-stub-server.h"

/* Written from the shapes in docs.joinmastodon.org (methods/apps, oauth,
 * statuses, media, scheduled_statuses, notifications, accounts; entities
 * Status, Account, MediaAttachment, Error) as summarised in PLATFORMS.md.
 * Ids are 18-digit decimal strings handed out in increasing order, so the
 * stub itself can compare them; clients must not. */

#define CLINIC_ID  "110000000000000001"
#define MAX_BODY   (64 * 1024 * 1024)

typedef struct
{
  char      *id;
  char      *account_id;
  char      *acct;
  char      *display_name;
  char      *text;              /* what the client sent (clinic) or NULL */
  char      *html;              /* content */
  char      *idempotency_key;
  char      *in_reply_to_id;
  char      *visibility;
  GPtrArray *media;             /* of Media*, borrowed */
  gint64     created_at;
  gint64     scheduled_at;      /* scheduled statuses only */
  gboolean   deleted;
  guint      favourites, reblogs, replies;
} Status;

typedef struct
{
  char  *id;
  char  *description;
  char  *file_name;
  gsize  size;
  guint  polls_left;
} Media;

typedef struct
{
  char   *id;
  Status *status;               /* borrowed from others */
  gint64  created_at;
} Notification;

typedef struct
{
  char *client_id;
  char *client_secret;
  char *redirect_uri;
  char *scopes;
} App;

typedef struct
{
  char *client_id;
  char *redirect_uri;
  char *challenge;
  char *scope;
} Grant;

struct _RoundsMastodonStub
{
  GObject      parent_instance;

  RoundsStubServer http;
  guint64      next_id;
  gint64       now;
  guint        media_polls;
  guint        requests;

  GHashTable  *tokens;          /* token → TRUE */
  GHashTable  *apps;            /* client_id → App */
  GHashTable  *grants;          /* code → Grant */
  GHashTable  *media;           /* id → Media */
  GHashTable  *last_headers;    /* "path\nname" → value */
  GHashTable  *path_requests;   /* path → count */
  GHashTable  *idempotent;      /* Idempotency-Key → the first answer's JSON */
  GPtrArray   *statuses;        /* clinic's, oldest first */
  GPtrArray   *scheduled;       /* clinic's scheduled */
  GPtrArray   *others;          /* statuses by others */
  GPtrArray   *notifications;   /* oldest first */
};

G_DEFINE_FINAL_TYPE (RoundsMastodonStub, rounds_mastodon_stub, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */

static void
status_free (Status *s)
{
  g_free (s->id);
  g_free (s->account_id);
  g_free (s->acct);
  g_free (s->display_name);
  g_free (s->text);
  g_free (s->html);
  g_free (s->idempotency_key);
  g_free (s->in_reply_to_id);
  g_free (s->visibility);
  g_clear_pointer (&s->media, g_ptr_array_unref);
  g_free (s);
}

static void
media_free (Media *m)
{
  g_free (m->id);
  g_free (m->description);
  g_free (m->file_name);
  g_free (m);
}

static void
notification_free (Notification *n)
{
  g_free (n->id);
  g_free (n);
}

static void
app_free (App *a)
{
  g_free (a->client_id);
  g_free (a->client_secret);
  g_free (a->redirect_uri);
  g_free (a->scopes);
  g_free (a);
}

static void
grant_free (Grant *g)
{
  g_free (g->client_id);
  g_free (g->redirect_uri);
  g_free (g->challenge);
  g_free (g->scope);
  g_free (g);
}

static char *
new_id (RoundsMastodonStub *self)
{
  return g_strdup_printf ("%018" G_GUINT64_FORMAT, self->next_id++);
}

static gint64
stub_now (RoundsMastodonStub *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static int
id_cmp (const char *a,
        const char *b)
{
  guint64 x = g_ascii_strtoull (a, NULL, 10);
  guint64 y = g_ascii_strtoull (b, NULL, 10);

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Mastodon's own rendering of plain text: paragraphs, <br />, and links
 * shortened with "invisible" spans (the client must put them back). */
static char *
text_to_html (const char *self_base_url,
              const char *text)
{
  /* Links, and mentions, which Mastodon shows without their domain. */
  g_autoptr(GRegex) url_re = g_regex_new ("https?://[^\\s<>\"]+"
                                          "|(?<![\\w@])@[A-Za-z0-9_]+(?:@[A-Za-z0-9.-]*[A-Za-z0-9])?",
                                          0, 0, NULL);
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n{2,}", text, 0, 0);
  GString *html = g_string_new (NULL);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      const char *p = paragraphs[i];
      int start, end;

      if (paragraphs[i][0] == '\0')
        continue;
      g_string_append (html, "<p>");
      g_regex_match (url_re, p, 0, &match);
      while (TRUE)
        {
          g_autofree char *before = NULL;
          g_autofree char *escaped = NULL;
          g_auto(GStrv) lines = NULL;

          if (g_match_info_matches (match))
            g_match_info_fetch_pos (match, 0, &start, &end);
          else
            start = end = strlen (p);

          before = g_strndup (p, start);
          lines = g_strsplit (before, "\n", -1);
          for (guint l = 0; lines[l] != NULL; l++)
            {
              g_autofree char *e = g_markup_escape_text (lines[l], -1);

              if (l > 0)
                g_string_append (html, "<br />");
              g_string_append (html, e);
            }

          if (!g_match_info_matches (match))
            break;

          if (p[start] == '@')
            {
              g_autofree char *acct = g_strndup (p + start + 1, end - start - 1);
              char *at = strchr (acct, '@');
              g_autofree char *href = at ? g_strdup_printf ("https://%s/@%.*s", at + 1,
                                                            (int) (at - acct), acct)
                                         : g_strdup_printf ("%s/@%s", self_base_url, acct);

              if (at != NULL)
                *at = '\0';
              g_string_append_printf (html,
                "<span class=\"h-card\" translate=\"no\"><a href=\"%s\" class=\"u-url mention\">"
                "@<span>%s</span></a></span>", href, acct);
            }
          else
          {
            g_autofree char *url = g_strndup (p + start, end - start);
            g_autofree char *url_e = g_markup_escape_text (url, -1);
            const char *rest = strstr (url, "://") + 3;
            gsize scheme_len = rest - url;
            gsize visible = MIN (strlen (rest), 30);
            g_autofree char *scheme = g_markup_escape_text (url, scheme_len);
            g_autofree char *shown = g_markup_escape_text (rest, visible);
            g_autofree char *hidden = g_markup_escape_text (rest + visible, -1);

            g_string_append_printf (html,
              "<a href=\"%s\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">"
              "<span class=\"invisible\">%s</span><span class=\"%s\">%s</span>"
              "<span class=\"invisible\">%s</span></a>",
              url_e, scheme, hidden[0] ? "ellipsis" : "", shown, hidden);
          }
          p += end;
          g_match_info_free (match);
          match = NULL;
          g_regex_match (url_re, p, 0, &match);
        }
      g_string_append (html, "</p>");
    }
  return g_string_free (html, FALSE);
}

/* ------------------------------------------------------------------ */
/* JSON out                                                             */

static JsonNode *
account_json (RoundsMastodonStub *self,
              const char         *id,
              const char         *acct,
              const char         *display_name)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *url = NULL;
  const char *username = acct;
  g_autofree char *user_part = NULL;

  if (strchr (acct, '@') != NULL)
    username = user_part = g_strndup (acct, strchr (acct, '@') - acct);
  url = strchr (acct, '@') ? g_strdup_printf ("https://%s/@%s", strchr (acct, '@') + 1, username)
                           : g_strdup_printf ("%s/@%s", self->http.base_url, acct);

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "username", username);
  json_object_set_string_member (o, "acct", acct);
  json_object_set_string_member (o, "display_name", display_name);
  json_object_set_string_member (o, "url", url);
  json_object_set_string_member (o, "note", "<p>Family medicine</p>");
  json_object_set_int_member (o, "followers_count", g_str_equal (id, CLINIC_ID) ? 1234 : 5);
  json_object_set_int_member (o, "following_count", 10);
  json_object_set_int_member (o, "statuses_count", g_str_equal (id, CLINIC_ID) ? self->statuses->len : 1);
  json_node_take_object (node, o);
  return node;
}

static JsonNode *
media_json (RoundsMastodonStub *self,
            Media              *m)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (o, "id", m->id);
  json_object_set_string_member (o, "type", "image");
  if (m->polls_left > 0)
    json_object_set_null_member (o, "url");
  else
    {
      g_autofree char *url = g_strdup_printf ("%s/system/media/%s.png", self->http.base_url, m->id);

      json_object_set_string_member (o, "url", url);
    }
  json_object_set_string_member (o, "description", m->description ? m->description : "");
  json_node_take_object (node, o);
  return node;
}

static JsonNode *
status_json (RoundsMastodonStub *self,
             Status             *s)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *media = json_array_new ();
  g_autofree char *created = iso_time (s->created_at);
  g_autofree char *url = g_strdup_printf ("%s/@%s/%s", self->http.base_url, s->acct, s->id);

  json_object_set_string_member (o, "id", s->id);
  json_object_set_string_member (o, "created_at", created);
  if (s->in_reply_to_id)
    json_object_set_string_member (o, "in_reply_to_id", s->in_reply_to_id);
  else
    json_object_set_null_member (o, "in_reply_to_id");
  json_object_set_string_member (o, "visibility", s->visibility ? s->visibility : "public");
  json_object_set_string_member (o, "uri", url);
  json_object_set_string_member (o, "url", url);
  json_object_set_string_member (o, "content", s->html);
  json_object_set_string_member (o, "spoiler_text", "");
  json_object_set_int_member (o, "replies_count", s->replies);
  json_object_set_int_member (o, "reblogs_count", s->reblogs);
  json_object_set_int_member (o, "favourites_count", s->favourites);
  json_object_set_member (o, "account", account_json (self, s->account_id, s->acct, s->display_name));
  for (guint i = 0; s->media && i < s->media->len; i++)
    json_array_add_element (media, media_json (self, g_ptr_array_index (s->media, i)));
  json_object_set_array_member (o, "media_attachments", media);
  json_node_take_object (node, o);
  return node;
}

static JsonNode *
scheduled_json (RoundsMastodonStub *self,
                Status             *s)
{
  JsonObject *o = json_object_new ();
  JsonObject *params = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *ids = json_array_new ();
  g_autofree char *at = iso_time (s->scheduled_at);

  json_object_set_string_member (o, "id", s->id);
  json_object_set_string_member (o, "scheduled_at", at);
  json_object_set_string_member (params, "text", s->text);
  for (guint i = 0; s->media && i < s->media->len; i++)
    json_array_add_string_element (ids, ((Media *) g_ptr_array_index (s->media, i))->id);
  json_object_set_array_member (params, "media_ids", ids);
  json_object_set_string_member (params, "visibility", "public");
  if (s->in_reply_to_id)
    json_object_set_string_member (params, "in_reply_to_id", s->in_reply_to_id);
  else
    json_object_set_null_member (params, "in_reply_to_id");
  json_object_set_object_member (o, "params", params);
  json_object_set_array_member (o, "media_attachments", json_array_new ());
  json_node_take_object (node, o);
  return node;
}

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *data = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_COPY, data, strlen (data));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *error,
               const char        *description)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, error);
  if (description)
    {
      json_builder_set_member_name (b, "error_description");
      json_builder_add_string_value (b, description);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  respond_node (msg, status, node);
}

/* ------------------------------------------------------------------ */
/* Requests in                                                          */

typedef struct
{
  GHashTable *values;   /* name → string */
  GPtrArray  *media_ids;
  GBytes     *file;
  char       *file_name;
} Params;

static void
params_clear (Params *p)
{
  g_clear_pointer (&p->values, g_hash_table_unref);
  g_clear_pointer (&p->media_ids, g_ptr_array_unref);
  g_clear_pointer (&p->file, g_bytes_unref);
  g_clear_pointer (&p->file_name, g_free);
}

static void
read_params (SoupServerMessage *msg,
             GHashTable        *query,
             Params            *p)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  p->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->media_ids = g_ptr_array_new_with_free_func (g_free);

  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (p->values, g_strdup (k), g_strdup (v));
    }

  if (type == NULL || g_bytes_get_size (body) == 0)
    return;

  if (g_str_equal (type, "application/json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;
      GList *members;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                       g_bytes_get_size (body), NULL)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return;
      o = json_node_get_object (json_parser_get_root (parser));
      members = json_object_get_members (o);
      for (GList *l = members; l; l = l->next)
        {
          JsonNode *n = json_object_get_member (o, l->data);

          if (JSON_NODE_HOLDS_ARRAY (n) && g_str_equal (l->data, "media_ids"))
            {
              JsonArray *a = json_node_get_array (n);

              for (guint i = 0; i < json_array_get_length (a); i++)
                g_ptr_array_add (p->media_ids, g_strdup (json_array_get_string_element (a, i)));
            }
          else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
            g_hash_table_insert (p->values, g_strdup (l->data), g_strdup (json_node_get_string (n)));
          else if (JSON_NODE_HOLDS_VALUE (n))
            g_hash_table_insert (p->values, g_strdup (l->data),
                                 g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n)));
        }
      g_list_free (members);
    }
  else if (g_str_equal (type, "application/x-www-form-urlencoded"))
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      GHashTable *form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &k, &v))
        {
          if (g_str_equal (k, "media_ids[]"))
            g_ptr_array_add (p->media_ids, g_strdup (v));
          else
            g_hash_table_insert (p->values, g_strdup (k), g_strdup (v));
        }
      g_hash_table_unref (form);
    }
  else if (g_str_equal (type, "multipart/form-data"))
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);

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
          if (g_hash_table_lookup (disposition_params, "filename") != NULL)
            {
              g_clear_pointer (&p->file, g_bytes_unref);
              p->file = g_bytes_ref (part_body);
              g_free (p->file_name);
              p->file_name = g_strdup (g_hash_table_lookup (disposition_params, "filename"));
            }
          else
            g_hash_table_insert (p->values, g_strdup (name),
                                 g_strndup (g_bytes_get_data (part_body, NULL),
                                            g_bytes_get_size (part_body)));
        }
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static const char *
param (Params     *p,
       const char *name)
{
  return g_hash_table_lookup (p->values, name);
}

static gboolean
authorized (RoundsMastodonStub *self,
            SoupServerMessage  *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ")
      || !g_hash_table_contains (self->tokens, auth + 7))
    {
      respond_error (msg, 401, "The access token is invalid", NULL);
      return FALSE;
    }
  return TRUE;
}

static Status *
find_status (GPtrArray  *array,
             const char *id)
{
  for (guint i = 0; i < array->len; i++)
    {
      Status *s = g_ptr_array_index (array, i);

      if (g_str_equal (s->id, id))
        return s;
    }
  return NULL;
}

/* Lists newest first with max_id/min_id/since_id/limit and a Link header,
 * as Mastodon pages timelines and notifications. @items are oldest first;
 * @id_of gives an item's id; @to_json its JSON. */
typedef const char *(*IdFunc)   (gpointer item);
typedef JsonNode   *(*JsonFunc) (RoundsMastodonStub *self, gpointer item);

static void
respond_page (RoundsMastodonStub *self,
              SoupServerMessage  *msg,
              const char         *path,
              Params             *p,
              GPtrArray          *items,
              IdFunc              id_of,
              JsonFunc            to_json,
              guint               max_limit)
{
  const char *max_id = param (p, "max_id");
  const char *min_id = param (p, "min_id");
  const char *since_id = param (p, "since_id");
  guint limit = param (p, "limit") ? (guint) g_ascii_strtoull (param (p, "limit"), NULL, 10) : 20;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  if (limit == 0 || limit > max_limit)
    limit = max_limit;

  if (min_id != NULL)
    {
      /* The @limit items just above min_id, still shown newest first. */
      for (guint i = 0; i < items->len && page->len < limit; i++)
        {
          gpointer item = g_ptr_array_index (items, i);

          if (id_cmp (id_of (item), min_id) > 0
              && (max_id == NULL || id_cmp (id_of (item), max_id) < 0))
            g_ptr_array_insert (page, 0, item);
        }
    }
  else
    {
      for (guint i = items->len; i > 0 && page->len < limit; i--)
        {
          gpointer item = g_ptr_array_index (items, i - 1);

          if ((max_id == NULL || id_cmp (id_of (item), max_id) < 0)
              && (since_id == NULL || id_cmp (id_of (item), since_id) > 0))
            g_ptr_array_add (page, item);
        }
    }

  for (guint i = 0; i < page->len; i++)
    json_array_add_element (array, to_json (self, g_ptr_array_index (page, i)));
  json_node_take_array (node, array);

  if (page->len > 0)
    {
      g_autofree char *link = g_strdup_printf (
        "<%s%s?limit=%u&max_id=%s>; rel=\"next\", <%s%s?limit=%u&min_id=%s>; rel=\"prev\"",
        self->http.base_url, path, limit, id_of (g_ptr_array_index (page, page->len - 1)),
        self->http.base_url, path, limit, id_of (g_ptr_array_index (page, 0)));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
    }
  respond_node (msg, 200, node);
}

static const char *
status_id_of (gpointer item)
{
  return ((Status *) item)->id;
}

static const char *
notification_id_of (gpointer item)
{
  return ((Notification *) item)->id;
}

static JsonNode *
status_to_json (RoundsMastodonStub *self,
                gpointer            item)
{
  return status_json (self, item);
}

static JsonNode *
scheduled_to_json (RoundsMastodonStub *self,
                   gpointer            item)
{
  return scheduled_json (self, item);
}

static JsonNode *
notification_to_json (RoundsMastodonStub *self,
                      gpointer            item)
{
  Notification *n = item;
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *created = iso_time (n->created_at);

  json_object_set_string_member (o, "id", n->id);
  json_object_set_string_member (o, "type", "mention");
  json_object_set_string_member (o, "created_at", created);
  json_object_set_member (o, "account", account_json (self, n->status->account_id, n->status->acct,
                                                      n->status->display_name));
  if (n->status->deleted)
    json_object_set_null_member (o, "status");
  else
    json_object_set_member (o, "status", status_json (self, n->status));
  json_node_take_object (node, o);
  return node;
}

/* ------------------------------------------------------------------ */
/* Handlers                                                             */

static void
handle_apps (RoundsMastodonStub *self,
             SoupServerMessage  *msg,
             Params             *p)
{
  App *app;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;

  if (param (p, "client_name") == NULL || param (p, "redirect_uris") == NULL)
    {
      respond_error (msg, 422, "Validation failed: Application name can't be blank", NULL);
      return;
    }

  id = new_id (self);
  app = g_new0 (App, 1);
  app->client_id = g_strdup_printf ("client-%s", id);
  app->client_secret = g_strdup_printf ("secret-%s", id);
  app->redirect_uri = g_strdup (param (p, "redirect_uris"));
  app->scopes = g_strdup (param (p, "scopes") ? param (p, "scopes") : "read");
  g_hash_table_insert (self->apps, app->client_id, app);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, param (p, "client_name"));
  json_builder_set_member_name (b, "website");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "redirect_uri");
  json_builder_add_string_value (b, app->redirect_uri);
  json_builder_set_member_name (b, "redirect_uris");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, app->redirect_uri);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "client_id");
  json_builder_add_string_value (b, app->client_id);
  json_builder_set_member_name (b, "client_secret");
  json_builder_add_string_value (b, app->client_secret);
  json_builder_set_member_name (b, "scopes");
  json_builder_begin_array (b);
  {
    g_auto(GStrv) scopes = g_strsplit (app->scopes, " ", -1);

    for (guint i = 0; scopes[i]; i++)
      json_builder_add_string_value (b, scopes[i]);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  respond_node (msg, 200, node);
}

static void
handle_authorize (RoundsMastodonStub *self,
                  SoupServerMessage  *msg,
                  Params             *p)
{
  App *app = param (p, "client_id") ? g_hash_table_lookup (self->apps, param (p, "client_id")) : NULL;
  const char *redirect_uri = param (p, "redirect_uri");
  g_autofree char *code = NULL;
  g_autofree char *location = NULL;
  GString *loc;
  Grant *grant;

  if (app == NULL || redirect_uri == NULL || !g_str_equal (redirect_uri, app->redirect_uri)
      || g_strcmp0 (param (p, "response_type"), "code") != 0)
    {
      const char *page = "<html><body>The redirect uri included is not valid.</body></html>";

      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      return;
    }

  {
    g_autofree char *id = new_id (self);

    code = g_strdup_printf ("code-%s", id + 10);
  }
  grant = g_new0 (Grant, 1);
  grant->client_id = g_strdup (app->client_id);
  grant->redirect_uri = g_strdup (redirect_uri);
  grant->challenge = g_strdup (param (p, "code_challenge"));
  grant->scope = g_strdup (param (p, "scope"));
  g_hash_table_insert (self->grants, g_strdup (code), grant);

  loc = g_string_new (redirect_uri);
  g_string_append_printf (loc, "%scode=%s", strchr (redirect_uri, '?') ? "&" : "?", code);
  if (param (p, "state"))
    {
      g_autofree char *state = g_uri_escape_string (param (p, "state"), NULL, FALSE);

      g_string_append_printf (loc, "&state=%s", state);
    }
  location = g_string_free (loc, FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  soup_server_message_set_status (msg, 302, NULL);
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *b64;

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  for (char *c = b64; *c; c++)
    if (*c == '+')
      *c = '-';
    else if (*c == '/')
      *c = '_';
  if (strchr (b64, '='))
    *strchr (b64, '=') = '\0';
  return b64;
}

static void
handle_token (RoundsMastodonStub *self,
              SoupServerMessage  *msg,
              Params             *p)
{
  const char *code = param (p, "code");
  Grant *grant = code ? g_hash_table_lookup (self->grants, code) : NULL;
  App *app = param (p, "client_id") ? g_hash_table_lookup (self->apps, param (p, "client_id")) : NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (g_strcmp0 (param (p, "grant_type"), "authorization_code") != 0)
    {
      respond_error (msg, 400, "unsupported_grant_type",
                     "The authorization grant type is not supported by the authorization server.");
      return;
    }
  if (app == NULL || g_strcmp0 (param (p, "client_secret"), app->client_secret) != 0)
    {
      respond_error (msg, 401, "invalid_client",
                     "Client authentication failed due to unknown client, no client authentication "
                     "included, or unsupported authentication method.");
      return;
    }
  if (grant == NULL || !g_str_equal (grant->client_id, app->client_id)
      || g_strcmp0 (param (p, "redirect_uri"), grant->redirect_uri) != 0)
    {
      respond_error (msg, 400, "invalid_grant",
                     "The provided authorization grant is invalid, expired, revoked, does not match "
                     "the redirection URI used in the authorization request, or was issued to "
                     "another client.");
      return;
    }
  if (grant->challenge != NULL)
    {
      g_autofree char *expected = param (p, "code_verifier") ? s256 (param (p, "code_verifier")) : NULL;

      if (expected == NULL || !g_str_equal (expected, grant->challenge))
        {
          respond_error (msg, 400, "invalid_grant",
                         "The provided authorization grant is invalid, expired, revoked, does not "
                         "match the redirection URI used in the authorization request, or was issued "
                         "to another client.");
          return;
        }
    }

  {
    g_autofree char *id = new_id (self);

    token = g_strdup_printf ("token-%s", id);
  }
  g_hash_table_add (self->tokens, g_strdup (token));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "access_token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "Bearer");
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, grant->scope ? grant->scope : "read");
  json_builder_set_member_name (b, "created_at");
  json_builder_add_int_value (b, stub_now (self));
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  g_hash_table_remove (self->grants, code);   /* a code works once */
  respond_node (msg, 200, node);
}

static void
handle_media_post (RoundsMastodonStub *self,
                   SoupServerMessage  *msg,
                   Params             *p)
{
  Media *m;
  g_autoptr(JsonNode) node = NULL;

  if (p->file == NULL || g_bytes_get_size (p->file) == 0)
    {
      respond_error (msg, 422, "Validation failed: File can't be blank", NULL);
      return;
    }
  m = g_new0 (Media, 1);
  m->id = new_id (self);
  m->description = g_strdup (param (p, "description"));
  m->file_name = g_strdup (p->file_name);
  m->size = g_bytes_get_size (p->file);
  m->polls_left = self->media_polls;
  g_hash_table_insert (self->media, m->id, m);

  node = media_json (self, m);
  respond_node (msg, m->polls_left > 0 ? 202 : 200, node);
}

static void
handle_media_get (RoundsMastodonStub *self,
                  SoupServerMessage  *msg,
                  const char         *id)
{
  Media *m = g_hash_table_lookup (self->media, id);
  g_autoptr(JsonNode) node = NULL;

  if (m == NULL)
    {
      respond_error (msg, 404, "Record not found", NULL);
      return;
    }
  if (m->polls_left > 0)
    m->polls_left--;
  node = media_json (self, m);
  respond_node (msg, m->polls_left > 0 ? 206 : 200, node);
}

static Status *
create_status (RoundsMastodonStub *self,
               SoupServerMessage  *msg,
               Params             *p,
               gboolean           *scheduled)
{
  const char *text = param (p, "status");
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  const char *scheduled_at = param (p, "scheduled_at");
  Status *s;

  *scheduled = FALSE;

  /* The same key within the hour: the same status, nothing new. */
  if (key != NULL)
    {
      for (guint i = 0; i < self->statuses->len; i++)
        {
          s = g_ptr_array_index (self->statuses, i);
          if (g_strcmp0 (s->idempotency_key, key) == 0)
            return s;
        }
      for (guint i = 0; i < self->scheduled->len; i++)
        {
          s = g_ptr_array_index (self->scheduled, i);
          if (g_strcmp0 (s->idempotency_key, key) == 0)
            {
              *scheduled = TRUE;
              return s;
            }
        }
    }

  if ((text == NULL || text[0] == '\0') && p->media_ids->len == 0)
    {
      respond_error (msg, 422, "Validation failed: Text can't be blank", NULL);
      return NULL;
    }
  if (text != NULL && g_utf8_strlen (text, -1) > 500)
    {
      respond_error (msg, 422, "Validation failed: Text character limit of 500 exceeded", NULL);
      return NULL;
    }

  s = g_new0 (Status, 1);
  s->account_id = g_strdup (CLINIC_ID);
  s->acct = g_strdup ("clinic");
  s->display_name = g_strdup ("Sunrise Family Clinic");
  s->text = g_strdup (text ? text : "");
  s->html = text_to_html (self->http.base_url, s->text);
  s->idempotency_key = g_strdup (key);
  s->in_reply_to_id = g_strdup (param (p, "in_reply_to_id"));
  s->visibility = g_strdup (param (p, "visibility"));
  s->media = g_ptr_array_new ();
  s->created_at = stub_now (self);

  for (guint i = 0; i < p->media_ids->len; i++)
    {
      Media *m = g_hash_table_lookup (self->media, g_ptr_array_index (p->media_ids, i));

      if (m == NULL || m->polls_left > 0)
        {
          respond_error (msg, 422, m ? "Validation failed: Media is still processing"
                                     : "Validation failed: Media not found", NULL);
          status_free (s);
          return NULL;
        }
      g_ptr_array_add (s->media, m);
    }

  if (scheduled_at != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (scheduled_at, NULL);

      if (at == NULL || g_date_time_to_unix (at) < stub_now (self) + 5 * 60)
        {
          respond_error (msg, 422,
                         "Validation failed: Scheduled at The scheduled date must be in the future", NULL);
          status_free (s);
          return NULL;
        }
      s->scheduled_at = g_date_time_to_unix (at);
      s->id = new_id (self);
      g_ptr_array_add (self->scheduled, s);
      *scheduled = TRUE;
      return s;
    }

  if (s->in_reply_to_id != NULL)
    {
      Status *parent = find_status (self->others, s->in_reply_to_id);

      if (parent == NULL)
        parent = find_status (self->statuses, s->in_reply_to_id);
      if (parent == NULL || parent->deleted)
        {
          respond_error (msg, 404, "Record not found", NULL);
          status_free (s);
          return NULL;
        }
      parent->replies++;
    }

  s->id = new_id (self);
  g_ptr_array_add (self->statuses, s);
  return s;
}

static void
handle_statuses_post (RoundsMastodonStub *self,
                      SoupServerMessage  *msg,
                      Params             *p)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  const char *cached = key ? g_hash_table_lookup (self->idempotent, key) : NULL;
  gboolean scheduled;
  Status *s;
  g_autoptr(JsonNode) node = NULL;

  /* Mastodon keeps the first answer for a key (an hour), even when the
   * status was deleted since. */
  if (cached != NULL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                        SOUP_MEMORY_COPY, cached, strlen (cached));
      return;
    }

  s = create_status (self, msg, p, &scheduled);
  if (s == NULL)
    return;
  node = scheduled ? scheduled_json (self, s) : status_json (self, s);
  if (key != NULL)
    g_hash_table_insert (self->idempotent, g_strdup (key), json_to_string (node, FALSE));
  respond_node (msg, 200, node);
}

static void
handle_stub_statuses (RoundsMastodonStub *self,
                      SoupServerMessage  *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < self->statuses->len; i++)
    {
      Status *s = g_ptr_array_index (self->statuses, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, s->text);
      json_builder_set_member_name (b, "idempotency_key");
      if (s->idempotency_key)
        json_builder_add_string_value (b, s->idempotency_key);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "in_reply_to_id");
      if (s->in_reply_to_id)
        json_builder_add_string_value (b, s->in_reply_to_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "deleted");
      json_builder_add_boolean_value (b, s->deleted);
      json_builder_set_member_name (b, "media");
      json_builder_begin_array (b);
      for (guint j = 0; j < s->media->len; j++)
        {
          Media *m = g_ptr_array_index (s->media, j);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, m->id);
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, m->description ? m->description : "");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  node = json_builder_get_root (b);
  respond_node (msg, 200, node);
}

static void
handle_stub_mention (RoundsMastodonStub *self,
                     SoupServerMessage  *msg,
                     Params             *p)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (param (p, "acct") == NULL || param (p, "content") == NULL)
    {
      respond_error (msg, 422, "acct and content are required", NULL);
      return;
    }
  id = rounds_mastodon_stub_add_mention (self, param (p, "acct"),
                                         param (p, "display_name") ? param (p, "display_name") : "",
                                         param (p, "content"), param (p, "in_reply_to_id"));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  respond_node (msg, 200, node);
}

static void
handle_stub_fault (RoundsMastodonStub *self,
                   SoupServerMessage  *msg,
                   Params             *p)
{
  const char *kind = param (p, "kind") ? param (p, "kind") : "status";
  RoundsMastodonStubFault k = ROUNDS_MASTODON_STUB_FAULT_STATUS;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (g_str_equal (kind, "hang"))
    k = ROUNDS_MASTODON_STUB_FAULT_HANG;
  else if (g_str_equal (kind, "cut"))
    k = ROUNDS_MASTODON_STUB_FAULT_CUT;
  else if (g_str_equal (kind, "cut-after"))
    k = ROUNDS_MASTODON_STUB_FAULT_CUT_AFTER;

  rounds_mastodon_stub_add_fault (self, param (p, "path") ? param (p, "path") : "/",
                                  k,
                                  param (p, "status") ? (guint) g_ascii_strtoull (param (p, "status"), NULL, 10) : 500,
                                  param (p, "count") ? (guint) g_ascii_strtoull (param (p, "count"), NULL, 10) : 1,
                                  param (p, "retry_after"));
  json_node_take_object (node, json_object_new ());
  respond_node (msg, 200, node);
}

/* Returns TRUE when a fault answered (or will never answer) the request.
 * CUT_AFTER sets *cut_after and lets the request act. */
static gboolean
apply_fault (RoundsMastodonStub *self,
             SoupServerMessage  *msg,
             const char         *path,
             gboolean           *cut_after)
{
  g_autoptr(RoundsStubFault) f = rounds_stub_server_take_fault (&self->http, path);

  *cut_after = FALSE;
  if (f == NULL)
    return FALSE;

  switch ((RoundsMastodonStubFault) f->kind)
    {
    case ROUNDS_MASTODON_STUB_FAULT_STATUS:
      if (f->retry_after)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", f->retry_after);
      if (f->status == 429)
        {
          g_autofree char *reset = iso_time (stub_now (self) + 300);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "X-RateLimit-Reset", reset);
          respond_error (msg, 429, "Too many requests", NULL);
        }
      else if (f->status >= 500)
        rounds_stub_respond_html (msg, f->status,
                                  "<html><body><h1>We're sorry, but something went wrong.</h1>"
                                  "</body></html>");
      else
        respond_error (msg, f->status, "Injected failure", NULL);
      break;
    case ROUNDS_MASTODON_STUB_FAULT_HANG:
      rounds_stub_server_hold (&self->http, msg);
      break;
    case ROUNDS_MASTODON_STUB_FAULT_CUT:
      rounds_stub_cut (msg);
      break;
    case ROUNDS_MASTODON_STUB_FAULT_CUT_AFTER:
      *cut_after = TRUE;
      return FALSE;
    default:
      break;
    }
  return TRUE;
}

static void
remember_headers (RoundsMastodonStub *self,
                  SoupServerMessage  *msg,
                  const char         *path)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->last_headers, g_strdup_printf ("%s\n%s", path, name), g_strdup (value));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RoundsMastodonStub *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(Params) p = { 0, };
  gboolean cut_after = FALSE;

  self->requests++;
  g_hash_table_insert (self->path_requests, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->path_requests,
                                                                                path)) + 1));
  remember_headers (self, msg, path);

  if (!g_str_has_prefix (path, "/_stub/") && apply_fault (self, msg, path, &cut_after))
    return;

  read_params (msg, query, &p);

  /* Control */
  if (g_str_equal (path, "/_stub/statuses"))
    handle_stub_statuses (self, msg);
  else if (g_str_equal (path, "/_stub/mention") && g_str_equal (method, "POST"))
    handle_stub_mention (self, msg, &p);
  else if (g_str_equal (path, "/_stub/fault") && g_str_equal (method, "POST"))
    handle_stub_fault (self, msg, &p);
  else if (g_str_equal (path, "/_stub/revoke") && g_str_equal (method, "POST"))
    {
      rounds_mastodon_stub_revoke_tokens (self);
      soup_server_message_set_status (msg, 204, NULL);
    }
  /* OAuth */
  else if (g_str_equal (path, "/api/v1/apps") && g_str_equal (method, "POST"))
    handle_apps (self, msg, &p);
  else if (g_str_equal (path, "/oauth/authorize") && g_str_equal (method, "GET"))
    handle_authorize (self, msg, &p);
  else if (g_str_equal (path, "/oauth/token") && g_str_equal (method, "POST"))
    handle_token (self, msg, &p);
  /* Everything else needs the token. */
  else if (!authorized (self, msg))
    ;
  else if (g_str_equal (path, "/api/v1/accounts/verify_credentials"))
    {
      g_autoptr(JsonNode) node = account_json (self, CLINIC_ID, "clinic", "Sunrise Family Clinic");

      respond_node (msg, 200, node);
    }
  else if (g_str_equal (path, "/api/v2/media") && g_str_equal (method, "POST"))
    handle_media_post (self, msg, &p);
  else if (g_str_has_prefix (path, "/api/v1/media/") && g_str_equal (method, "GET"))
    handle_media_get (self, msg, path + strlen ("/api/v1/media/"));
  else if (g_str_equal (path, "/api/v1/statuses") && g_str_equal (method, "POST"))
    handle_statuses_post (self, msg, &p);
  else if (g_str_has_prefix (path, "/api/v1/statuses/"))
    {
      const char *id = path + strlen ("/api/v1/statuses/");
      Status *s = find_status (self->statuses, id);
      g_autoptr(JsonNode) node = NULL;

      if (s == NULL)
        s = find_status (self->others, id);
      if (s == NULL || s->deleted)
        respond_error (msg, 404, "Record not found", NULL);
      else if (g_str_equal (method, "DELETE"))
        {
          if (!g_str_equal (s->account_id, CLINIC_ID))
            respond_error (msg, 403, "This action is not allowed", NULL);
          else
            {
              s->deleted = TRUE;
              node = status_json (self, s);
              respond_node (msg, 200, node);
            }
        }
      else
        {
          node = status_json (self, s);
          respond_node (msg, 200, node);
        }
    }
  else if (g_str_equal (path, "/api/v1/scheduled_statuses") && g_str_equal (method, "GET"))
    respond_page (self, msg, path, &p, self->scheduled, status_id_of, scheduled_to_json, 40);
  else if (g_str_has_prefix (path, "/api/v1/scheduled_statuses/"))
    {
      Status *s = find_status (self->scheduled, path + strlen ("/api/v1/scheduled_statuses/"));

      if (s == NULL)
        respond_error (msg, 404, "Record not found", NULL);
      else if (g_str_equal (method, "DELETE"))
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          g_ptr_array_remove (self->scheduled, s);
          json_node_take_object (node, json_object_new ());
          respond_node (msg, 200, node);
        }
      else
        {
          g_autoptr(JsonNode) node = scheduled_json (self, s);

          respond_node (msg, 200, node);
        }
    }
  else if (g_str_equal (path, "/api/v1/accounts/" CLINIC_ID "/statuses"))
    {
      g_autoptr(GPtrArray) live = g_ptr_array_new ();

      for (guint i = 0; i < self->statuses->len; i++)
        if (!((Status *) g_ptr_array_index (self->statuses, i))->deleted)
          g_ptr_array_add (live, g_ptr_array_index (self->statuses, i));
      respond_page (self, msg, path, &p, live, status_id_of, status_to_json, 40);
    }
  else if (g_str_equal (path, "/api/v1/notifications") && g_str_equal (method, "GET"))
    respond_page (self, msg, path, &p, self->notifications, notification_id_of,
                  notification_to_json, 80);
  else
    respond_error (msg, 404, "Record not found", NULL);

  if (cut_after)
    rounds_stub_cut (msg);
}

/* ------------------------------------------------------------------ */

static void
rounds_mastodon_stub_finalize (GObject *object)
{
  RoundsMastodonStub *self = ROUNDS_MASTODON_STUB (object);

  rounds_stub_server_stop (&self->http);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->apps);
  g_hash_table_unref (self->grants);
  g_hash_table_unref (self->last_headers);
  g_hash_table_unref (self->path_requests);
  g_hash_table_unref (self->idempotent);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->scheduled);
  g_ptr_array_unref (self->notifications);
  g_ptr_array_unref (self->others);
  g_hash_table_unref (self->media);

  G_OBJECT_CLASS (rounds_mastodon_stub_parent_class)->finalize (object);
}

static void
rounds_mastodon_stub_class_init (RoundsMastodonStubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_mastodon_stub_finalize;
}

static void
rounds_mastodon_stub_init (RoundsMastodonStub *self)
{
  self->next_id = G_GUINT64_CONSTANT (110000000000000100);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->apps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) app_free);
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) grant_free);
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->path_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->idempotent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) media_free);
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) status_free);
  self->scheduled = g_ptr_array_new_with_free_func ((GDestroyNotify) status_free);
  self->others = g_ptr_array_new_with_free_func ((GDestroyNotify) status_free);
  self->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
}

RoundsMastodonStub *
rounds_mastodon_stub_new (GError **error)
{
  g_autoptr(RoundsMastodonStub) self = g_object_new (ROUNDS_TYPE_MASTODON_STUB, NULL);

  if (!rounds_stub_server_start (&self->http, "Mastodon", server_cb, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rounds_mastodon_stub_get_base_url (RoundsMastodonStub *self)
{
  return self->http.base_url;
}

guint
rounds_mastodon_stub_get_port (RoundsMastodonStub *self)
{
  return self->http.port;
}

void
rounds_mastodon_stub_add_token (RoundsMastodonStub *self,
                                const char         *token)
{
  g_hash_table_add (self->tokens, g_strdup (token));
}

void
rounds_mastodon_stub_revoke_tokens (RoundsMastodonStub *self)
{
  g_hash_table_remove_all (self->tokens);
}

void
rounds_mastodon_stub_set_now (RoundsMastodonStub *self,
                              gint64              now)
{
  self->now = now;
}

void
rounds_mastodon_stub_set_media_polls (RoundsMastodonStub *self,
                                      guint               polls)
{
  self->media_polls = polls;
}

void
rounds_mastodon_stub_add_fault (RoundsMastodonStub      *self,
                                const char              *path_prefix,
                                RoundsMastodonStubFault  kind,
                                guint                    status,
                                guint                    count,
                                const char              *retry_after)
{
  rounds_stub_server_add_fault (&self->http, path_prefix, kind, status, count, retry_after);
}

char *
rounds_mastodon_stub_add_mention (RoundsMastodonStub *self,
                                  const char         *acct,
                                  const char         *display_name,
                                  const char         *html_content,
                                  const char         *in_reply_to_id)
{
  Status *s = g_new0 (Status, 1);
  Notification *n = g_new0 (Notification, 1);

  s->id = new_id (self);
  s->account_id = new_id (self);
  s->acct = g_strdup (acct);
  s->display_name = g_strdup (display_name);
  s->html = g_strdup (html_content);
  s->in_reply_to_id = g_strdup (in_reply_to_id);
  s->media = g_ptr_array_new ();
  s->created_at = stub_now (self);
  g_ptr_array_add (self->others, s);

  if (in_reply_to_id != NULL)
    {
      Status *parent = find_status (self->statuses, in_reply_to_id);

      if (parent != NULL)
        parent->replies++;
    }

  n->id = new_id (self);
  n->status = s;
  n->created_at = s->created_at;
  g_ptr_array_add (self->notifications, n);
  return g_strdup (n->id);
}

guint
rounds_mastodon_stub_count_statuses (RoundsMastodonStub *self)
{
  guint n = 0;

  for (guint i = 0; i < self->statuses->len; i++)
    n += !((Status *) g_ptr_array_index (self->statuses, i))->deleted;
  return n;
}

guint
rounds_mastodon_stub_count_scheduled (RoundsMastodonStub *self)
{
  return self->scheduled->len;
}

const char *
rounds_mastodon_stub_get_status_text (RoundsMastodonStub *self,
                                      const char         *id)
{
  Status *s = find_status (self->statuses, id);

  if (s == NULL)
    s = find_status (self->scheduled, id);
  return s ? s->text : NULL;
}

const char *
rounds_mastodon_stub_get_status_in_reply_to (RoundsMastodonStub *self,
                                             const char         *id)
{
  Status *s = find_status (self->statuses, id);

  return s ? s->in_reply_to_id : NULL;
}

const char *
rounds_mastodon_stub_get_notification_status (RoundsMastodonStub *self,
                                              const char         *notification_id)
{
  for (guint i = 0; i < self->notifications->len; i++)
    {
      Notification *n = g_ptr_array_index (self->notifications, i);

      if (g_strcmp0 (n->id, notification_id) == 0)
        return n->status->id;
    }
  return NULL;
}

gboolean
rounds_mastodon_stub_delete_status (RoundsMastodonStub *self,
                                    const char         *id)
{
  Status *s = find_status (self->statuses, id);

  if (s == NULL)
    s = find_status (self->others, id);
  if (s == NULL || s->deleted)
    return FALSE;
  s->deleted = TRUE;
  return TRUE;
}

const char *
rounds_mastodon_stub_get_status_alt (RoundsMastodonStub *self,
                                     const char         *id)
{
  Status *s = find_status (self->statuses, id);

  if (s == NULL || s->media->len == 0)
    return NULL;
  return ((Media *) g_ptr_array_index (s->media, 0))->description;
}

void
rounds_mastodon_stub_set_counts (RoundsMastodonStub *self,
                                 const char         *id,
                                 guint               favourites,
                                 guint               reblogs,
                                 guint               replies)
{
  Status *s = find_status (self->statuses, id);

  g_return_if_fail (s != NULL);
  s->favourites = favourites;
  s->reblogs = reblogs;
  s->replies = replies;
}

guint
rounds_mastodon_stub_get_request_count (RoundsMastodonStub *self)
{
  return self->requests;
}

guint
rounds_mastodon_stub_count_requests_to (RoundsMastodonStub *self,
                                        const char         *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->path_requests, path));
}

const char *
rounds_mastodon_stub_get_last_header (RoundsMastodonStub *self,
                                      const char         *path,
                                      const char         *name)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", path, name);

  return g_hash_table_lookup (self->last_headers, key);
}
