/* test-assistant.c — the writing assistant as a user meets it:
 * Preferences → Assistant, and the editor's menu against a local
 * chat-completions server, with the key in a real keyring.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "rounds-assistant-dialog.h"
#include "rounds-assistant-preferences.h"
#include "rounds-post-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-preferences-window.h"
#include "rounds-reply-dialog.h"
#include "rounds-secrets.h"
#include "rounds-store-inbox.h"
#include "ui-test-util.h"

#define ANSWER "Flu shots are here! Walk in any weekday morning, no appointment needed."
/* What the stand-in answers to a request for a safe reply. */
#define REPLY_ANSWER "Thank you for telling us. Please call our office so that we can listen " \
                     "and help."
/* … and one that a model might well write, which the check must catch. */
#define RISKY_ANSWER "We are so sorry your root canal hurt, Maria. Dr. Lee will call you."
#define REVIEW_TEXT "My root canal last Tuesday was awful and the front desk was rude."

typedef struct
{
  UiFixture      ui;
  SoupServer    *server;
  char          *base_url;
  GPtrArray     *bodies;
  GPtrArray     *keys;
  RoundsStore   *store;
  RoundsContext *context;
} Fixture;

static void
completions_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *events =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Flu shots are here! \"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Walk in any weekday morning, "
    "no appointment needed.\"}}]}\n\n"
    "data: [DONE]\n\n";
  const char *reply_events =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Thank you for telling us. \"}}]}"
    "\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Please call our office so that "
    "we can listen and help.\"}}]}\n\n"
    "data: [DONE]\n\n";

  g_ptr_array_add (f->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
  const char *risky_events =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" RISKY_ANSWER "\"}}]}\n\n"
    "data: [DONE]\n\n";

  if (strstr (f->bodies->pdata[f->bodies->len - 1], "public reply") != NULL)
    events = strstr (f->bodies->pdata[f->bodies->len - 1], "Thanks for your review") != NULL
               ? risky_events : reply_events;
  g_ptr_array_add (f->keys, g_strdup (auth != NULL ? auth : ""));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/event-stream", SOUP_MEMORY_STATIC, events,
                                    strlen (events));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autofree char *path = NULL;
  g_autofree char *root = NULL;
  GSList *uris;

  ui_fixture_set_up (&f->ui, data);
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->keys = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/v1/chat/completions", completions_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  root = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  f->base_url = g_strconcat (root, "v1", NULL);

  path = g_build_filename (f->ui.data_dir, "rounds.db", NULL);
  f->store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  f->context = rounds_context_new (f->store, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_fixture_tear_down (&f->ui, data);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->bodies);
  g_ptr_array_unref (f->keys);
  g_free (f->base_url);
}

typedef struct
{
  gboolean done;
  char    *value;
} Lookup;

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->value = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result, NULL);
  lookup->done = TRUE;
}

static char *
stored_key (void)
{
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  Lookup lookup = { FALSE, NULL };

  rounds_secrets_lookup_async (secrets, ROUNDS_ASSISTANT_SECRET_ID, NULL, looked_up_cb, &lookup);
  wait_until (lookup.done);
  return lookup.value;
}

static gboolean
match_assistant_button (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Writing Assistant") == 0;
}

static gboolean
match_status_title (GtkWidget *widget,
                    gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL));
  *(gboolean *)user_data = TRUE;
}

/* Preferences → Assistant: off by default; an address outside the office
 * shows the business-associate warning; the key goes to the keyring. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  RoundsPreferencesWindow *prefs = rounds_preferences_window_new (settings, NULL);
  GtkWidget *page;
  GtkWidget *address;
  GtkWidget *warning;
  GtkWidget *key;
  g_autofree char *saved_url = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  pump ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "assistant");
  pump ();
  page = GTK_WIDGET (prefs);
  g_assert_false (g_settings_get_boolean (settings, "assistant-enabled"));

  /* Off by default: the server's rows are greyed out. */
  g_assert_false (gtk_widget_is_sensitive (find_row (page, "Address")));
  g_settings_set_boolean (settings, "assistant-enabled", TRUE);
  address = find_row (page, "Address");
  key = find_row (page, "Key (if the server needs one)");
  g_assert_nonnull (address);
  g_assert_nonnull (key);
  g_assert_true (gtk_widget_is_sensitive (address));
  g_assert_null (find_row (page, "This address is outside your office"));

  gtk_editable_set_text (GTK_EDITABLE (address), "https://api.example.com/v1");
  pump ();
  warning = find_row (page, "This address is outside your office");
  g_assert_nonnull (warning);
  ui_screenshot (GTK_WIDGET (prefs), "assistant-preferences");
  gtk_editable_set_text (GTK_EDITABLE (address), "http://192.168.1.20:8080/v1");
  g_assert_false (gtk_widget_get_visible (warning));
  saved_url = g_settings_get_string (settings, "assistant-url");
  g_assert_cmpstr (saved_url, ==, "http://192.168.1.20:8080/v1");

  gtk_editable_set_text (GTK_EDITABLE (key), "sk-office-key");
  g_signal_emit_by_name (key, "apply");
  {
    g_autofree char *value = NULL;

    wait_until ((g_free (value), value = stored_key ()) != NULL &&
                g_str_equal (value, "sk-office-key"));
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static RoundsAssistantDialog *
find_assistant_dialog (void)
{
  return (RoundsAssistantDialog *)find_toplevel (ROUNDS_TYPE_ASSISTANT_DIALOG, NULL);
}

static void
set_text (RoundsPostDialog *dialog,
          const char       *text)
{
  gtk_text_buffer_set_text (rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog)),
                            text, -1);
}

static char *
get_text (RoundsPostDialog *dialog)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
reply_text (RoundsReplyDialog *dialog)
{
  return rounds_post_editor_dup_text (rounds_reply_dialog_get_editor (dialog));
}

static gboolean
match_suggest_button (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && label_reads (gtk_button_get_label (GTK_BUTTON (widget)),
                                                "Suggest…");
}

static gboolean
match_label_prefix (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The Inbox's reply window: Suggest… shows only with the assistant on;
 * a reply that could identify the reviewer is refused before anything
 * is sent, with what was found; from the crisis plan's template, a
 * suggestion comes back checked, and Use puts it in the reply as one
 * change. The review's own words never leave. */
static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_template = NULL;
  RoundsReplyDialog *dialog;
  RoundsAssistantDialog *assistant;
  RoundsComment *comment;
  GtkWidget *suggest;
  GtkTextBuffer *buffer;
  gboolean stored = FALSE;
  gint64 id;

  g_settings_set_string (settings, "assistant-url", f->base_url);
  g_settings_set_string (settings, "assistant-model", "office-model");

  id = rounds_store_inbox_add_by_hand (f->store, ROUNDS_NETWORK_GOOGLE, "Maria Gonzalez",
                                       REVIEW_TEXT, NULL, 1, &error);
  g_assert_no_error (error);
  comment = rounds_store_lookup_comment (f->store, id);
  g_assert_cmpint (rounds_comment_get_triage (comment), ==, ROUNDS_TRIAGE_HEALTH_DETAILS);

  dialog = rounds_reply_dialog_new (f->context, comment, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  buffer = rounds_post_editor_get_buffer (rounds_reply_dialog_get_editor (dialog));

  /* Off: no Suggest…; on: there it is. */
  suggest = find_widget (GTK_WIDGET (dialog), match_suggest_button, NULL);
  g_assert_nonnull (suggest);
  g_assert_false (gtk_widget_get_visible (suggest));
  g_settings_set_boolean (settings, "assistant-enabled", TRUE);
  pump ();
  g_assert_true (gtk_widget_get_visible (suggest));
  g_assert_true (gtk_widget_get_mapped (suggest));

  rounds_secrets_store_async (secrets, ROUNDS_ASSISTANT_SECRET_ID, "test key", "sk-office-key",
                              NULL, stored_cb, &stored);
  wait_until (stored);

  /* A reply that names the reviewer and her care: nothing leaves, and
   * the window says what it found. */
  gtk_text_buffer_set_text (buffer, "We are sorry your root canal hurt, Maria Gonzalez. Call "
                                    "Dr. Lee at 608-555-0187.", -1);
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL);
  g_assert_cmpstr (rounds_assistant_dialog_get_state (assistant), ==, "blocked");
  g_assert_nonnull (find_widget (GTK_WIDGET (assistant), match_status_title,
                                 (gpointer)"Nothing Was Sent"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "“608-555-0187”"));
  ui_screenshot (GTK_WIDGET (assistant), "reply-assistant-blocked");
  pump_for (300);
  g_assert_cmpuint (f->bodies->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (assistant));
  pump ();

  /* No reply yet: it starts from the plan's best template for the item. */
  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_reply_dialog_get_templates (dialog)), >, 0);
  rounds_reply_dialog_use_template (dialog, 0);
  first_template = reply_text (dialog);
  gtk_text_buffer_set_text (buffer, "", -1);
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  text = rounds_assistant_dialog_dup_text (assistant);
  g_assert_cmpstr (text, ==, REPLY_ANSWER);
  g_clear_pointer (&text, g_free);
  ui_screenshot (GTK_WIDGET (assistant), "reply-assistant-suggestion");

  g_assert_cmpuint (f->bodies->len, ==, 1);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *sent = NULL;
    JsonObject *root;
    JsonArray *messages;

    g_assert_true (json_parser_load_from_data (parser, f->bodies->pdata[0], -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    messages = json_object_get_array_member (root, "messages");
    sent = g_strdup (json_object_get_string_member (
                       json_array_get_object_element (messages,
                                                      json_array_get_length (messages) - 1),
                       "content"));
    /* The kind and the stars, the template; never the review. */
    g_assert_nonnull (strstr (sent, "health_details"));
    g_assert_nonnull (strstr (sent, "1 of 5 stars"));
    g_assert_nonnull (strstr (sent, first_template));
    g_assert_null (strstr (f->bodies->pdata[0], "root canal"));
    g_assert_null (strstr (f->bodies->pdata[0], "Gonzalez"));
  }

  /* Discard leaves the reply as it was … */
  click (find_button (GTK_WIDGET (assistant), "Discard"));
  pump ();
  text = reply_text (dialog);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* … Use puts it in, checked like typed text, and one Undo takes it
   * back. The writer's own draft is what it works from. */
  gtk_text_buffer_set_text (buffer, "Sorry to hear this. Please call us.", -1);
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  g_assert_cmpuint (f->bodies->len, ==, 2);
  g_assert_nonnull (strstr (f->bodies->pdata[1], "Sorry to hear this. Please call us."));
  click (find_button (GTK_WIDGET (assistant), "Use Suggestion"));
  pump ();
  text = reply_text (dialog);
  g_assert_cmpstr (text, ==, REPLY_ANSWER);
  g_clear_pointer (&text, g_free);
  wait_until (!rounds_post_editor_is_scanning (rounds_reply_dialog_get_editor (dialog)));
  g_assert_cmpuint (rounds_post_editor_get_findings (rounds_reply_dialog_get_editor (dialog))->len,
                    ==, 0);
  ui_screenshot (GTK_WIDGET (dialog), "reply-with-suggestion");
  gtk_text_buffer_undo (buffer);
  text = reply_text (dialog);
  g_assert_cmpstr (text, ==, "Sorry to hear this. Please call us.");
  g_clear_pointer (&text, g_free);

  /* A suggestion is checked like typed text: one that confirms the
   * reviewer's care says so before Use, and after Use it is marked and
   * cannot go out without a second person. */
  gtk_text_buffer_set_text (buffer, "Thanks for your review.", -1);
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (assistant), match_label_prefix,
                                 (gpointer)"The check found 2 problems"));
  click (find_button (GTK_WIDGET (assistant), "Use Suggestion"));
  pump ();
  wait_until (!rounds_post_editor_is_scanning (rounds_reply_dialog_get_editor (dialog)) &&
              rounds_post_editor_get_findings (rounds_reply_dialog_get_editor (dialog))->len > 0);
  g_assert_true (rounds_reply_dialog_needs_approval (dialog));
  g_assert_false (rounds_reply_dialog_can_send (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The editor's menu: a text with a patient's details is refused before
 * anything is sent, and says what; a clean one comes back as a
 * suggestion that replaces the text only on Use. */
static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  RoundsPostDialog *dialog;
  RoundsAssistantDialog *assistant;
  g_autofree char *text = NULL;
  gboolean stored = FALSE;

  g_settings_set_string (settings, "assistant-url", f->base_url);
  g_settings_set_string (settings, "assistant-model", "office-model");

  dialog = rounds_post_dialog_new (f->context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();

  /* Off: no menu. */
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (dialog),
                                                      match_assistant_button, NULL)));
  g_settings_set_boolean (settings, "assistant-enabled", TRUE);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (dialog),
                                                     match_assistant_button, NULL)));

  rounds_secrets_store_async (secrets, ROUNDS_ASSISTANT_SECRET_ID, "test key", "sk-office-key",
                              NULL, stored_cb, &stored);
  wait_until (stored);

  /* A patient's details: nothing leaves. */
  set_text (dialog, "So glad Margaret Olsen finished cardiac rehab with us! Call her at 608-555-0187.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "assistant.run", "s", "friendlier"));
  wait_until ((assistant = find_assistant_dialog ()) != NULL);
  g_assert_cmpstr (rounds_assistant_dialog_get_state (assistant), ==, "blocked");
  g_assert_nonnull (find_widget (GTK_WIDGET (assistant), match_status_title,
                                 (gpointer)"Nothing Was Sent"));
  ui_screenshot (GTK_WIDGET (assistant), "assistant-blocked");
  pump_for (300);
  g_assert_cmpuint (f->bodies->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (assistant));
  pump ();

  /* A clean post: a suggestion, used on request. */
  set_text (dialog, "Flu shots available now. Walk-ins welcome mornings.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "assistant.run", "s", "friendlier"));
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  text = rounds_assistant_dialog_dup_text (assistant);
  g_assert_cmpstr (text, ==, ANSWER);
  g_clear_pointer (&text, g_free);
  text = get_text (dialog);
  g_assert_cmpstr (text, ==, "Flu shots available now. Walk-ins welcome mornings.");
  g_clear_pointer (&text, g_free);
  ui_screenshot (GTK_WIDGET (assistant), "assistant-suggestion");

  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_cmpstr (f->keys->pdata[0], ==, "Bearer sk-office-key");
  g_assert_nonnull (strstr (f->bodies->pdata[0], "office-model"));

  click (find_button (GTK_WIDGET (assistant), "Use Suggestion"));
  pump ();
  text = get_text (dialog);
  g_assert_cmpstr (text, ==, ANSWER);
  g_clear_pointer (&text, g_free);

  /* One Undo brings the user's own text back. */
  gtk_text_buffer_undo (rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog)));
  text = get_text (dialog);
  g_assert_cmpstr (text, ==, "Flu shots available now. Walk-ins welcome mornings.");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
match_tooltip (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
match_label_text (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_entry_placeholder (GtkWidget *widget,
                         gpointer   data)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

/* An image's "Suggest Alt Text from My Description": the user's own
 * words are checked first (a patient's name and age are refused, nothing
 * sent), then sent; the answer fills the description only on Use. */
static void
test_alt_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *image = g_build_filename (f->ui.data_dir, "flu-clinic.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  RoundsPostDialog *dialog;
  RoundsAssistantDialog *assistant;
  GtkWidget *suggest;
  GtkWidget *entry;

  g_settings_set_string (settings, "assistant-url", f->base_url);
  g_settings_set_string (settings, "assistant-model", "office-model");
  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, image, "png", NULL, NULL));

  dialog = rounds_post_dialog_new (f->context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  set_text (dialog, "Flu shots available now. Walk-ins welcome mornings.");
  g_assert_true (rounds_post_dialog_add_image (dialog, image));
  pump ();

  /* Off: no button beside the description. */
  suggest = find_widget (GTK_WIDGET (dialog), match_tooltip,
                         (gpointer)"Suggest Alt Text from My Description");
  g_assert_nonnull (suggest);
  g_assert_false (gtk_widget_get_visible (suggest));
  g_settings_set_boolean (settings, "assistant-enabled", TRUE);
  pump ();
  suggest = find_widget (GTK_WIDGET (dialog), match_tooltip,
                         (gpointer)"Suggest Alt Text from My Description");
  g_assert_true (gtk_widget_get_mapped (suggest));
  entry = find_widget (GTK_WIDGET (dialog), match_entry_placeholder,
                       (gpointer)"Describe the image (required)");
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  ui_screenshot (GTK_WIDGET (dialog), "assistant-alt-text-button");

  /* Nothing described yet: a plain message, nothing sent. */
  click (suggest);
  g_assert_null (find_assistant_dialog ());
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), match_label_text,
                                 (gpointer)"Describe the image in a few words first: the "
                                 "assistant writes alt text from your description."));

  /* A patient in the description: refused, nothing sent. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Margaret Olsen, 84, after her hip surgery");
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL);
  g_assert_cmpstr (rounds_assistant_dialog_get_state (assistant), ==, "blocked");
  ui_screenshot (GTK_WIDGET (assistant), "assistant-alt-text-blocked");
  pump_for (300);
  g_assert_cmpuint (f->bodies->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (assistant));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "Margaret Olsen, 84, after her hip surgery");

  /* A clean description: sent; Discard keeps the user's words. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "nurse with flu vaccine at front desk");
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_nonnull (strstr (f->bodies->pdata[0], "nurse with flu vaccine at front desk"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "nurse with flu vaccine at front desk");
  click (find_button (GTK_WIDGET (assistant), "Discard"));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "nurse with flu vaccine at front desk");

  /* Again, and Use as Description: the field holds the suggestion. */
  click (suggest);
  wait_until ((assistant = find_assistant_dialog ()) != NULL &&
              g_strcmp0 (rounds_assistant_dialog_get_state (assistant), "ready") == 0);
  ui_screenshot (GTK_WIDGET (assistant), "assistant-alt-text");
  click (find_button (GTK_WIDGET (assistant), "Use as Description"));
  pump ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, ANSWER);
  /* The post text is untouched. */
  {
    g_autofree char *text = get_text (dialog);
    g_assert_cmpstr (text, ==, "Flu shots available now. Walk-ins welcome mornings.");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/assistant/reply", Fixture, NULL, fixture_set_up, test_reply,
              fixture_tear_down);
  g_test_add ("/ui/assistant/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/ui/assistant/editor", Fixture, NULL, fixture_set_up, test_editor,
              fixture_tear_down);
  g_test_add ("/ui/assistant/alt-text", Fixture, NULL, fixture_set_up, test_alt_text,
              fixture_tear_down);

  return g_test_run ();
}
