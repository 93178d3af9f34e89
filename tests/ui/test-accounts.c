/* test-accounts.c — Preferences → Accounts: adding and reconnecting
 * Bluesky, Mastodon, Facebook, Instagram, LinkedIn and Google accounts
 * through the real dialogs, with the tokens
 * in a real (private) GNOME Keyring (run by tests/core/keyring-run.sh).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rounds-accounts-page.h"
#include "rounds-google-stub.h"
#include "rounds-graph-stub.h"
#include "rounds-linkedin-stub.h"
#include "rounds-mastodon-stub.h"
#include "rounds-preferences-window.h"
#include "rounds-secrets.h"
#include "rounds-store-publish.h"
#include "ui-test-util.h"

/* What a practice manager does: types a Bluesky handle, an app password
 * and their server, or a Mastodon server and signs in in the browser,
 * and sees the account connected; its tokens are in the keyring and not
 * in Rounds' file. An account whose sign-in stopped working is
 * reconnected from its row. The networks are local servers on
 * 127.0.0.1: a small createSession endpoint for Bluesky, the Mastodon
 * stub (tests/servers) whose authorize page approves at once; the test
 * plays the browser by following its redirect to Rounds' loopback
 * address. */

#define HANDLE        "clinic.example.test"
#define DID           "did:plc:clinicexampletest"
#define APP_PASSWORD  "abcd-efgh-ijkl-mnop"
#define ACCESS_MARK   "access-token-never-in-the-file"

typedef struct
{
  UiFixture                ui;
  RoundsStore             *store;
  RoundsContext           *context;
  char                    *db_path;
  SoupServer              *bluesky;
  char                    *bluesky_url;
  guint                    sessions;        /* createSession calls */
  SoupSession             *browser;
  gboolean                 browsed;
  RoundsPreferencesWindow *prefs;
} Fixture;

/* A JWT whose payload says it expires in 90 days (its signature is not
 * checked by Rounds). */
static char *
fake_jwt (const char *subject)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"%s\",\"exp\":%" G_GINT64_FORMAT "}",
                                              subject,
                                              g_get_real_time () / G_USEC_PER_SEC + 90 * 86400);
  g_autofree char *b64 = g_base64_encode ((const guchar *)payload, strlen (payload));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup_printf ("eyJhbGciOiJIUzI1NiJ9.%s.c2ln", b64);
}

static void
on_bluesky_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *request;
  g_autofree char *answer = NULL;
  g_autofree char *refresh = NULL;

  if (!g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  f->sessions++;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  request = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member (request, "identifier"), HANDLE) != 0 ||
      g_strcmp0 (json_object_get_string_member (request, "password"), APP_PASSWORD) != 0)
    {
      const char *wrong = "{\"error\":\"AuthenticationRequired\","
                          "\"message\":\"Invalid identifier or password\"}";

      soup_server_message_set_status (message, 401, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, wrong,
                                        strlen (wrong));
      return;
    }

  refresh = fake_jwt (DID);
  answer = g_strdup_printf ("{\"did\":\"%s\",\"handle\":\"%s\",\"accessJwt\":\"%s\","
                            "\"refreshJwt\":\"%s\",\"active\":true}",
                            DID, HANDLE, ACCESS_MARK, refresh);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");

  ui_fixture_set_up (&f->ui, data);
  f->db_path = g_build_filename (f->ui.data_dir, "rounds.db", NULL);
  f->store = rounds_store_open (f->db_path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  f->context = rounds_context_new (f->store, FALSE);

  f->bluesky = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->bluesky, NULL, on_bluesky_cb, f, NULL);
  soup_server_listen_local (f->bluesky, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->bluesky);
  f->bluesky_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_foreach (uris, (GFunc)g_uri_unref, NULL);

  f->prefs = rounds_preferences_window_new (settings, f->context);
  gtk_window_present (GTK_WINDOW (f->prefs));
  rounds_preferences_window_show_accounts (f->prefs, 0);
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_toplevels ();
  g_clear_object (&f->browser);
  soup_server_disconnect (f->bluesky);
  g_clear_object (&f->bluesky);
  g_free (f->bluesky_url);
  g_clear_object (&f->context);
  rounds_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->db_path);
  ui_fixture_tear_down (&f->ui, data);
}

static RoundsAccountsPage *
accounts_page (Fixture *f)
{
  GtkWidget *page = find_of_type (GTK_WIDGET (f->prefs), ROUNDS_TYPE_ACCOUNTS_PAGE);

  g_assert_nonnull (page);
  return ROUNDS_ACCOUNTS_PAGE (page);
}

/* What a click on a response button does: the response, then closing. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog = NULL;

  wait_until ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* The Bluesky dialog's fields, in order: handle, app password, server. */
static GtkWidget *
field (AdwMessageDialog *dialog,
       guint             index)
{
  GtkWidget *child = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));

  while (index-- > 0 && child != NULL)
    child = gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  return child;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
lookup_secret (RoundsAccount *account)
{
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *credentials;

  rounds_secrets_lookup_async (secrets, rounds_account_get_secret_id (account), NULL,
                               on_result_cb, &result);
  wait_until (result != NULL);
  credentials = rounds_secrets_lookup_finish (secrets, result, &error);
  g_assert_no_error (error);
  return credentials;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_strstr_len (contents, length, needle) != NULL;
}

static RoundsAccount *
only_account (Fixture *f)
{
  GListModel *accounts = rounds_store_get_accounts (f->store);

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  return g_list_model_get_item (accounts, 0);
}

static void
test_bluesky_add_and_reconnect (Fixture       *f,
                                gconstpointer  data)
{
  GListModel *accounts = rounds_store_get_accounts (f->store);
  g_autoptr(RoundsAccount) account = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *title = g_strdup_printf ("%s on Bluesky", HANDLE);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  /* The Add button of the Bluesky row is live. */
  g_assert_true (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (f->prefs), match_button_label,
                                                       (gpointer)"Add…")));
  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.add", "s", "bluesky");
  dialog = wait_for_dialog ();

  /* A wrong app password first: nothing is added. */
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 0)), "@" HANDLE);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 1)), "not-the-app-password");
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 2)), f->bluesky_url);
  respond (dialog, "sign-in");
  wait_until (f->sessions == 1);

  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.add", "s", "bluesky");
  wait_until ((dialog = wait_for_dialog ()) != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 0)), HANDLE);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 1)), APP_PASSWORD);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 2)), f->bluesky_url);
  respond (dialog, "sign-in");

  wait_until (g_list_model_get_n_items (accounts) == 1);
  account = only_account (f);
  g_assert_cmpint (rounds_account_get_network (account), ==, ROUNDS_NETWORK_BLUESKY);
  g_assert_cmpstr (rounds_account_get_handle (account), ==, HANDLE);
  g_assert_cmpstr (rounds_account_get_remote_id (account), ==, DID);
  g_assert_cmpstr (rounds_account_get_base_url (account), ==, f->bluesky_url);
  g_assert_cmpint (rounds_account_get_token_expires_at (account), >, 0);
  g_assert_cmpuint (f->sessions, ==, 2);

  /* Its row says so; the tokens are in the keyring, not in the file. */
  wait_until ((row = find_row (GTK_WIDGET (f->prefs), title)) != NULL);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "Connected"));
  wait_until ((credentials = lookup_secret (account)) != NULL);
  g_assert_nonnull (strstr (credentials, ACCESS_MARK));
  g_assert_false (file_contains (f->db_path, ACCESS_MARK));

  /* The sign-in stops working: the row says so, and Reconnect asks for
   * the app password again, with the handle and server filled in. */
  g_assert_true (rounds_store_set_account_auth_expired (f->store, rounds_account_get_id (account),
                                                        "Token has been revoked", NULL));
  wait_until ((row = find_row (GTK_WIDGET (f->prefs), title)) != NULL &&
              gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Token has been revoked"));
  click (find_button (row, "Reconnect"));
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, 0))), ==, HANDLE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, 2))), ==, f->bluesky_url);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 1)), APP_PASSWORD);
  respond (dialog, "sign-in");
  wait_until (rounds_account_get_state (rounds_store_lookup_account (
                f->store, rounds_account_get_id (account))) == ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
}

/* The test's browser: it asks for the authorize page, which approves at
 * once and redirects to Rounds' loopback address; it follows that. */
static void
on_loopback_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  f->browsed = TRUE;
}

static void
on_authorized_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fixture *f = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");
  g_autoptr(SoupMessage) back = NULL;

  g_assert_cmpuint (soup_message_get_status (message), ==, 302);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, "http://127.0.0.1:"));
  back = soup_message_new ("GET", location);
  soup_session_send_and_read_async (f->browser, back, G_PRIORITY_DEFAULT, NULL, on_loopback_cb, f);
}

static gboolean
on_open_browser_cb (RoundsAccountsPage *page,
                    const char         *url,
                    Fixture            *f)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_authorized_cb, f);
  return TRUE;
}

static void
test_mastodon_sign_in (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsMastodonStub) stub = rounds_mastodon_stub_new (&error);
  GListModel *accounts = rounds_store_get_accounts (f->store);
  g_autoptr(RoundsAccount) account = NULL;
  g_autofree char *credentials = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_no_error (error);
  f->browser = soup_session_new ();
  g_signal_connect (accounts_page (f), "open-browser", G_CALLBACK (on_open_browser_cb), f);

  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.add", "s", "mastodon");
  dialog = wait_for_dialog ();
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), rounds_mastodon_stub_get_base_url (stub));
  respond (dialog, "sign-in");

  wait_until (f->browsed);
  wait_until (g_list_model_get_n_items (accounts) == 1);
  account = only_account (f);
  g_assert_cmpint (rounds_account_get_network (account), ==, ROUNDS_NETWORK_MASTODON);
  g_assert_cmpstr (rounds_account_get_base_url (account), ==,
                   rounds_mastodon_stub_get_base_url (stub));
  g_assert_nonnull (strstr (rounds_account_get_handle (account), "clinic"));
  wait_until ((credentials = lookup_secret (account)) != NULL);
  g_assert_false (file_contains (f->db_path, credentials));

  /* The stub forgets the token: Reconnect signs in again, same account. */
  rounds_mastodon_stub_revoke_tokens (stub);
  g_assert_true (rounds_store_set_account_auth_expired (f->store, rounds_account_get_id (account),
                                                        "The access token is invalid", NULL));
  f->browsed = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.reconnect", "x",
                              rounds_account_get_id (account));
  wait_until (f->browsed);
  wait_until (rounds_account_get_state (rounds_store_lookup_account (
                f->store, rounds_account_get_id (account))) == ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
}

/* ------------------------------------------------------------------ */
/* The practice's own app, then a choice: Facebook, Instagram, LinkedIn,
 * Google. */

/* The choice dialog's check buttons, in order. */
static GPtrArray *
choice_checks (AdwMessageDialog *dialog)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GPtrArray *checks = g_ptr_array_new ();

  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = find_widget (row, match_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));

      if (ADW_IS_ACTION_ROW (row))
        {
          g_assert_nonnull (check);
          g_ptr_array_add (checks, check);
        }
    }
  return checks;
}

/* Types the app's id (and secret) and signs in; the test's browser
 * approves. Returns the choice dialog. */
static AdwMessageDialog *
sign_in_with_app (Fixture    *f,
                  const char *network,
                  const char *app_id,
                  const char *app_secret)
{
  AdwMessageDialog *dialog;
  AdwMessageDialog *choose = NULL;

  f->browsed = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.add", "s", network);
  dialog = wait_for_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 0)), app_id);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 1)), app_secret);
  respond (dialog, "sign-in");
  wait_until (f->browsed);
  wait_until ((choose = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL))) != NULL);
  return choose;
}

static RoundsAccount *
account_on (Fixture       *f,
            RoundsNetwork  network)
{
  GListModel *accounts = rounds_store_get_accounts (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);

      if (rounds_account_get_network (account) == network)
        return g_steal_pointer (&account);
    }
  return NULL;
}

static void
test_meta_sign_in (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsGraphStub) stub = rounds_graph_stub_new (&error);
  g_autoptr(RoundsAccount) facebook = NULL;
  g_autoptr(RoundsAccount) instagram = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *credentials = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_no_error (error);
  f->browser = soup_session_new ();
  g_signal_connect (accounts_page (f), "open-browser", G_CALLBACK (on_open_browser_cb), f);
  rounds_accounts_page_set_sign_in_urls (accounts_page (f), ROUNDS_NETWORK_FACEBOOK,
                                         rounds_graph_stub_get_base_url (stub),
                                         rounds_graph_stub_get_root_url (stub));
  rounds_accounts_page_set_sign_in_urls (accounts_page (f), ROUNDS_NETWORK_INSTAGRAM,
                                         rounds_graph_stub_get_base_url (stub),
                                         rounds_graph_stub_get_root_url (stub));

  /* Every network can be added now, each saying what it needs first. */
  g_assert_nonnull ((row = find_row (GTK_WIDGET (f->prefs), "Instagram")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "professional account"));
  g_assert_null (find_widget (GTK_WIDGET (f->prefs), match_row_title,
                              (gpointer) "Not available yet in this version of Rounds"));

  /* Facebook without the app secret: the Pages the person manages, the
   * one they may not publish on greyed out. */
  dialog = sign_in_with_app (f, "facebook", "1234567890", "");
  checks = choice_checks (dialog);
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (checks, 1)));
  respond (dialog, "connect");
  wait_until ((facebook = account_on (f, ROUNDS_NETWORK_FACEBOOK)) != NULL);
  g_assert_cmpstr (rounds_account_get_handle (facebook), ==, "Sunrise Family Clinic");
  g_assert_cmpstr (rounds_account_get_remote_id (facebook), ==, ROUNDS_GRAPH_STUB_PAGE_ID);
  g_assert_cmpstr (rounds_account_get_base_url (facebook), ==, rounds_graph_stub_get_base_url (stub));
  /* A short-lived sign-in: the row says when it ends. */
  g_assert_cmpint (rounds_account_get_token_expires_at (facebook), >, 0);
  wait_until ((row = find_row (GTK_WIDGET (f->prefs), "Sunrise Family Clinic on Facebook")) != NULL);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "sign-in expires"));
  wait_until ((credentials = lookup_secret (facebook)) != NULL);
  g_assert_nonnull (strstr (credentials, "page-of-"));
  g_assert_false (file_contains (f->db_path, "page-of-"));
  g_clear_pointer (&credentials, g_free);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* Instagram with the secret: the account linked to the Page, a sign-in
   * that does not expire, the secret only in the keyring. */
  dialog = sign_in_with_app (f, "instagram", "1234567890", "app-secret-only-in-keyring");
  checks = choice_checks (dialog);
  g_assert_cmpuint (checks->len, ==, 1);
  respond (dialog, "connect");
  wait_until ((instagram = account_on (f, ROUNDS_NETWORK_INSTAGRAM)) != NULL);
  g_assert_cmpstr (rounds_account_get_handle (instagram), ==, "@sunrise.clinic");
  g_assert_cmpstr (rounds_account_get_remote_id (instagram), ==, ROUNDS_GRAPH_STUB_IG_ID);
  g_assert_cmpint (rounds_account_get_token_expires_at (instagram), ==, 0);
  wait_until ((credentials = lookup_secret (instagram)) != NULL);
  g_assert_nonnull (strstr (credentials, "app-secret-only-in-keyring"));
  g_assert_false (file_contains (f->db_path, "app-secret-only-in-keyring"));

  /* Error 190: the Page's token stopped working. Reconnect fills in the
   * app id from the keyring and takes the same Page again. */
  rounds_graph_stub_revoke_tokens (stub);
  g_assert_true (rounds_store_set_account_auth_expired (f->store, rounds_account_get_id (facebook),
                                                        "Error validating access token", NULL));
  wait_until ((row = find_row (GTK_WIDGET (f->prefs), "Sunrise Family Clinic on Facebook")) != NULL
              && gtk_widget_has_css_class (row, "error"));
  f->browsed = FALSE;
  click (find_button (row, "Reconnect"));
  wait_until ((dialog = wait_for_dialog ()) != NULL
              && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field (dialog, 0))), "1234567890") == 0);
  respond (dialog, "sign-in");
  wait_until (f->browsed);
  wait_until (rounds_account_get_state (rounds_store_lookup_account (
                f->store, rounds_account_get_id (facebook))) == ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_accounts (f->store)), ==, 2);
}

static void
test_linkedin_and_google_sign_in (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsLinkedinStub) linkedin = rounds_linkedin_stub_new (&error);
  g_autoptr(RoundsGoogleStub) google = rounds_google_stub_new (&error);
  g_autoptr(RoundsAccount) organization = NULL;
  g_autoptr(RoundsAccount) location = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *credentials = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_no_error (error);
  f->browser = soup_session_new ();
  g_signal_connect (accounts_page (f), "open-browser", G_CALLBACK (on_open_browser_cb), f);
  rounds_accounts_page_set_sign_in_urls (accounts_page (f), ROUNDS_NETWORK_LINKEDIN,
                                         rounds_linkedin_stub_get_base_url (linkedin),
                                         rounds_linkedin_stub_get_base_url (linkedin));
  rounds_accounts_page_set_sign_in_urls (accounts_page (f), ROUNDS_NETWORK_GOOGLE,
                                         rounds_google_stub_get_base_url (google),
                                         rounds_google_stub_get_base_url (google));

  /* LinkedIn: the practice administers two organizations and picks the
   * second. */
  dialog = sign_in_with_app (f, "linkedin", "86abcdefgh1234", "linkedin-client-secret");
  checks = choice_checks (dialog);
  g_assert_cmpuint (checks->len, ==, 2);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  respond (dialog, "connect");
  wait_until ((organization = account_on (f, ROUNDS_NETWORK_LINKEDIN)) != NULL);
  g_assert_cmpstr (rounds_account_get_handle (organization), ==, "Sunrise Pediatrics");
  g_assert_cmpstr (rounds_account_get_remote_id (organization), ==, ROUNDS_LINKEDIN_STUB_ORG2_URN);
  /* 60 days: the row says when to sign in again. */
  wait_until ((row = find_row (GTK_WIDGET (f->prefs), "Sunrise Pediatrics on LinkedIn")) != NULL);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "sign-in expires"));
  wait_until ((credentials = lookup_secret (organization)) != NULL);
  g_assert_nonnull (strstr (credentials, "AQV-signed-in-"));
  g_assert_false (file_contains (f->db_path, "AQV-signed-in-"));
  g_clear_pointer (&credentials, g_free);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* A 401 later: Reconnect takes the same organization again. */
  rounds_linkedin_stub_revoke_tokens (linkedin);
  g_assert_true (rounds_store_set_account_auth_expired (f->store,
                                                        rounds_account_get_id (organization),
                                                        "Invalid access token", NULL));
  f->browsed = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (accounts_page (f)), "accounts.reconnect", "x",
                              rounds_account_get_id (organization));
  wait_until ((dialog = wait_for_dialog ()) != NULL
              && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field (dialog, 0))),
                            "86abcdefgh1234") == 0);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, 1)), "linkedin-client-secret");
  respond (dialog, "sign-in");
  wait_until (f->browsed);
  wait_until (rounds_account_get_state (rounds_store_lookup_account (
                f->store, rounds_account_get_id (organization))) == ROUNDS_ACCOUNT_STATE_CONNECTED);

  /* Google: one location among the practice's accounts; its token
   * renews itself, so no end date is shown. */
  dialog = sign_in_with_app (f, "google", "123-desktop.apps.googleusercontent.com",
                             "google-client-secret");
  checks = choice_checks (dialog);
  g_assert_cmpuint (checks->len, ==, 1);
  respond (dialog, "connect");
  wait_until ((location = account_on (f, ROUNDS_NETWORK_GOOGLE)) != NULL);
  g_assert_cmpstr (rounds_account_get_remote_id (location), ==, ROUNDS_GOOGLE_STUB_LOCATION);
  g_assert_cmpint (rounds_account_get_token_expires_at (location), ==, 0);
  wait_until ((row = find_row (GTK_WIDGET (f->prefs),
                               "Sunrise Family Clinic on Google Business Profile")) != NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Connected");
  wait_until ((credentials = lookup_secret (location)) != NULL);
  g_assert_nonnull (strstr (credentials, "google-client-secret"));
  g_assert_false (file_contains (f->db_path, "google-client-secret"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/accounts/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("bluesky-add-and-reconnect", test_bluesky_add_and_reconnect);
  ADD ("mastodon-sign-in", test_mastodon_sign_in);
  ADD ("meta-sign-in", test_meta_sign_in);
  ADD ("linkedin-and-google-sign-in", test_linkedin_and_google_sign_in);
#undef ADD

  return g_test_run ();
}
