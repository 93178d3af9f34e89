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
#include "rounds-secrets.h"
#include "ui-test-util.h"

#define ANSWER "Flu shots are here! Walk in any weekday morning, no appointment needed."

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

  g_ptr_array_add (f->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
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

  g_test_add ("/ui/assistant/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/ui/assistant/editor", Fixture, NULL, fixture_set_up, test_editor,
              fixture_tear_down);
  g_test_add ("/ui/assistant/alt-text", Fixture, NULL, fixture_set_up, test_alt_text,
              fixture_tear_down);

  return g_test_run ();
}
