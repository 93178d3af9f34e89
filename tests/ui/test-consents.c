/* test-consents.c — Preferences → Consents (issue 19): the blank
 * authorization form, printed in English and Spanish with every element
 * 45 CFR 164.508(c) requires (read back with pdftotext), and taking down
 * a post whose authorization was revoked: deleted on the Mastodon
 * stand-in (tests/servers), left to do by hand on Facebook, and refused
 * by the server (said, nothing marked).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "ui-test-util.h"

#include "rounds-connector-factory.h"
#include "rounds-consents-page.h"
#include "rounds-context.h"
#include "rounds-mastodon-stub.h"
#include "rounds-partnership-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-reply-dialog.h"
#include "rounds-disclosure.h"
#include "rounds-store-consents.h"
#include "rounds-store-publish.h"

typedef struct
{
  UiFixture           ui;
  RoundsStore        *store;
  RoundsContext      *context;
  RoundsConsentsPage *page;
  GtkWindow          *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPractice) practice = NULL;

  ui_fixture_set_up (&f->ui, data);
  ui_fixture_open_practice (&f->ui, &f->store, &f->context);
  practice = rounds_practice_copy (rounds_store_get_practice (f->store));
  rounds_practice_set_name (practice, "Birchwood Family Dental");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_fixture_close_practice (&f->ui, &f->store, &f->context, data);
}

/* Preferences with the Consents page, as the user opens it. */
static void
open_page (Fixture *f)
{
  f->window = GTK_WINDOW (adw_preferences_window_new ());
  f->page = rounds_consents_page_new (f->context);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  gtk_window_set_default_size (f->window, 720, 760);
  gtk_window_present (f->window);
  pump ();
}

static gboolean
match_label_containing (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* What the page says, when it says @text. */
static GtkWidget *
find_label (Fixture    *f,
            const char *text)
{
  return find_widget (GTK_WIDGET (f->page), match_label_containing, (gpointer)text);
}

/* ------------------------------------------------------------------ */
/* The blank form                                                       */

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* poppler-utils (build-aux/packages.txt). */
  g_assert_nonnull (g_find_program_in_path ("pdftotext"));
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Collapses runs of white space, so that a heading broken over two
 * lines or padded by -layout still reads as one. */
static char *
squeeze (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The required elements of 45 CFR 164.508(c), as the form heads them,
 * in English and in Spanish. */
static const struct
{
  const char *what;
  const char *en;
  const char *es;
} elements[] = {
  { "(c)(1)(i) description", "Description of the information", "Descripción de la información" },
  { "(c)(1)(ii) who discloses", "Who may use or disclose it", "Quién puede usarla o divulgarla" },
  { "(c)(1)(iii) to whom", "To whom it may be disclosed", "A quién se puede divulgar" },
  { "(c)(1)(iv) purpose", "Purpose", "Propósito" },
  { "(c)(1)(v) expiry", "Expiry date or event", "Fecha o evento de vencimiento" },
  { "(c)(1)(vi) signature", "Signature and date", "Firma y fecha" },
  { "(c)(2)(i) revocation", "Your right to revoke", "Su derecho a revocarla" },
  { "(c)(2)(ii) conditioning", "Your treatment does not depend on this form",
    "Su tratamiento no depende de este formulario" },
  { "(c)(2)(iii) redisclosure", "Information may be shared again",
    "La información puede volver a compartirse" },
  { "(a)(3)(ii) payment", "Payment for this marketing", "Pago por este mercadeo" },
};

static void
test_blank_form (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *en_path = g_build_filename (f->ui.data_dir, "form-en.pdf", NULL);
  g_autofree char *es_path = g_build_filename (f->ui.data_dir, "form-es.pdf", NULL);
  g_autofree char *default_path = g_build_filename (f->ui.data_dir, "form.pdf", NULL);
  g_autofree char *bad_path = g_build_filename (f->ui.data_dir, "no-such-folder", "form.pdf", NULL);
  g_autofree char *en_raw = NULL, *es_raw = NULL, *default_raw = NULL;
  g_autofree char *en = NULL, *es = NULL, *fallback = NULL;
  g_autoptr(RoundsPractice) practice = NULL;
  g_autoptr(GError) error = NULL;

  open_page (f);
  /* Offered on the page. */
  g_assert_nonnull (find_button (GTK_WIDGET (f->page), "Print Blank Form…"));

  g_assert_true (rounds_consents_page_print_form (f->page, en_path, "en"));
  g_assert_nonnull (find_label (f, "Saved the blank authorization form as “form-en.pdf”"));
  g_assert_true (rounds_consents_page_print_form (f->page, es_path, "es"));
  en_raw = pdf_text (en_path);
  es_raw = pdf_text (es_path);
  en = squeeze (en_raw);
  es = squeeze (es_raw);

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      if (strstr (en, elements[i].en) == NULL)
        g_error ("The English form lacks %s", elements[i].what);
      if (strstr (es, elements[i].es) == NULL)
        g_error ("The Spanish form lacks %s", elements[i].what);
    }
  /* In the practice's name, with what the patient signs. */
  g_assert_nonnull (strstr (en, "Birchwood Family Dental"));
  g_assert_nonnull (strstr (es, "Birchwood Family Dental"));
  g_assert_nonnull (strstr (en, "Authorization to Use My Health Information in Marketing"));
  g_assert_nonnull (strstr (es, "Autorización para usar mi información de salud en mercadeo"));
  g_assert_nonnull (strstr (en, "Signature of the patient or personal representative:"));
  g_assert_nonnull (strstr (en, "Birchwood Family Dental will not condition your treatment"));
  /* The Spanish form is Spanish throughout, not English headings. */
  g_assert_null (strstr (es, "Your right to revoke"));

  /* Without a choice: the practice's content language. */
  practice = rounds_practice_copy (rounds_store_get_practice (f->store));
  rounds_practice_set_content_language (practice, "es");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
  g_assert_true (rounds_consents_page_print_form (f->page, default_path, NULL));
  default_raw = pdf_text (default_path);
  fallback = squeeze (default_raw);
  g_assert_nonnull (strstr (fallback, "Su derecho a revocarla"));

  /* As the desk does it: Español next to the button, Print Blank
   * Form…, a name in the file chooser, Save. */
  {
    g_autofree char *chosen_raw = NULL;
    g_autofree char *chosen = NULL;
    g_autofree char *chosen_path = g_build_filename (f->ui.data_dir, "chosen.pdf", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (f->ui.data_dir);
    GtkWidget *dropdown = find_of_type (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN);
    GtkWindow *chooser;

    g_assert_nonnull (dropdown);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);  /* Español */
    click (find_button (GTK_WIDGET (f->page), "Print Blank Form…"));
    wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL);
    chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "chosen.pdf");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    wait_until (g_file_test (chosen_path, G_FILE_TEST_IS_REGULAR));
    chosen_raw = pdf_text (chosen_path);
    chosen = squeeze (chosen_raw);
    g_assert_nonnull (strstr (chosen, "Su derecho a revocarla"));
    g_assert_nonnull (find_label (f, "“chosen.pdf”"));
  }

  /* A folder that is not there: said, nothing written. */
  g_assert_false (rounds_consents_page_print_form (f->page, bad_path, "en"));
  g_assert_nonnull (find_label (f, "Could not write the PDF"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  ui_screenshot (GTK_WIDGET (f->window), "consents-page-form");
}

/* ------------------------------------------------------------------ */
/* Taking down                                                          */

/* An authorization, and a post relying on it that went out on Mastodon
 * (live on @stub) and by hand on Facebook. */
static gint64
published_post (Fixture            *f,
                RoundsMastodonStub *stub,
                gint64             *consent_id)
{
  g_autoptr(RoundsConsent) c = rounds_consent_new ("Test Patient Five");
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Smile of the week!", "key-ui-1");
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gint64 account_id;
  RoundsPost *post;
  gint64 id;

  c->uses = ROUNDS_CONSENT_USE_PHOTO;
  c->networks = ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_FACEBOOK;
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (c->purpose), c->purpose = g_strdup ("Marketing");
  g_free (c->signed_on), c->signed_on = g_strdup ("2020-01-01");
  g_free (c->expires_on), c->expires_on = g_strdup ("2099-12-31");
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  *consent_id = c->id;

  account = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (stub), "@clinic",
                                      "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  account_id = rounds_account_get_id (account);
  connector = rounds_test_mastodon_factory (account, NULL, NULL, NULL);

  rounds_post_set_title (draft, "Smile of the week");
  rounds_post_set_body (draft, "Smile of the week!");
  rounds_post_set_networks (draft, ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_FACEBOOK);
  rounds_post_set_scheduled_at (draft, g_get_real_time () / G_USEC_PER_SEC + 3600);
  post = rounds_store_save_post (f->store, draft, &error);
  g_assert_no_error (error);
  id = rounds_post_get_id (post);
  g_assert_true (rounds_store_link_post_consent (f->store, id, c->id, TRUE, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_APPROVED, NULL, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL, &error));
  g_assert_true (rounds_store_set_post_accounts (f->store, id, &account_id, 1, &error));

  remote = rounds_test_publish (connector, outgoing);
  pubs = rounds_store_list_publications (f->store, id, &error);
  g_assert_true (rounds_store_begin_publication (f->store, rounds_publication_get_id (pubs->pdata[0]),
                                                 &error));
  g_assert_true (rounds_store_publication_published (f->store,
                                                     rounds_publication_get_id (pubs->pdata[0]),
                                                     remote->remote_id, remote->url, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_PUBLISHED, NULL,
                                               &error));
  g_assert_no_error (error);
  return id;
}

static void
answer_take_down (void)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Take Down This Post?");
  /* It says where it goes and where it must be done by hand. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "deleted on Mastodon"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "On Facebook it was posted by hand"));
  adw_message_dialog_response (dialog, "take-down");
  pump ();
}

static void
test_take_down (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RoundsMastodonStub) stub = rounds_mastodon_stub_new (NULL);
  gint64 consent_id = 0;
  gint64 id;
  GtkWidget *row;

  rounds_mastodon_stub_add_token (stub, ROUNDS_TEST_MASTODON_TOKEN);
  id = published_post (f, stub, &consent_id);
  {
    g_autoptr(RoundsPartnership) p = rounds_partnership_new ("Acme Floss");

    g_free (p->disclosure), p->disclosure = g_strdup ("Paid partnership with Acme Floss");
    p->gave = ROUNDS_PARTNERSHIP_GAVE_PRODUCT;
    p->networks = ROUNDS_NETWORK_INSTAGRAM;
    g_assert_true (rounds_store_add_partnership (f->store, p, NULL));
  }
  open_page (f);
  rounds_takedown_sender_set_connector_factory (rounds_consents_page_get_takedown_sender (f->page),
                                                rounds_test_mastodon_factory, NULL, NULL);
  /* Valid: nothing to take down, no button. */
  g_assert_null (find_button (GTK_WIDGET (f->page), "Take Down…"));

  /* Revoked at the front desk: the page lists the published post. */
  g_assert_true (rounds_consents_page_revoke (f->page, consent_id, "Letter"));
  g_assert_nonnull (find_label (f, "Revoked. Take down the 1 published post listed under it."));
  row = find_row (GTK_WIDGET (f->page), "Smile of the week");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Mastodon: published"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Facebook: posted by hand"));
  ui_screenshot (GTK_WIDGET (f->window), "consents-take-down");

  click (find_button (row, "Take Down…"));
  answer_take_down ();
  wait_until (!rounds_consents_page_is_busy (f->page));

  /* Deleted on the network, said, marked and audited. */
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (stub), ==, 0);
  g_assert_nonnull (find_label (f, "Deleted from 1 network."));
  g_assert_nonnull (find_label (f, "Delete it by hand on Facebook"));
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 1);
  row = find_row (GTK_WIDGET (f->page), "Smile of the week");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Mastodon: taken down"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Facebook: to delete by hand"));
  g_assert_null (find_button (row, "Take Down…"));
  ui_screenshot (GTK_WIDGET (f->window), "consents-taken-down");

  /* Deleted by hand on Facebook too. */
  click (find_button (row, "Done by Hand"));
  g_assert_nonnull (find_label (f, "Marked as deleted by hand."));
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 2);
  row = find_row (GTK_WIDGET (f->page), "Smile of the week");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Facebook: taken down"));
  g_assert_null (find_button (row, "Done by Hand"));
}

static void
test_take_down_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsMastodonStub) stub = rounds_mastodon_stub_new (NULL);
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *path = NULL;
  gint64 consent_id = 0;
  gint64 id;
  GtkWidget *row;

  rounds_mastodon_stub_add_token (stub, ROUNDS_TEST_MASTODON_TOKEN);
  id = published_post (f, stub, &consent_id);
  g_assert_true (rounds_store_revoke_consent (f->store, consent_id, "Phone call", NULL, NULL));
  places = rounds_store_list_takedowns (f->store, id, NULL);
  for (guint i = 0; i < places->len; i++)
    if (((RoundsTakedown *)places->pdata[i])->connected)
      path = g_strdup_printf ("/api/v1/statuses/%s", ((RoundsTakedown *)places->pdata[i])->remote_id);
  g_assert_nonnull (path);
  rounds_mastodon_stub_add_fault (stub, path, ROUNDS_MASTODON_STUB_FAULT_STATUS, 403, 1, NULL);

  open_page (f);
  rounds_takedown_sender_set_connector_factory (rounds_consents_page_get_takedown_sender (f->page),
                                                rounds_test_mastodon_factory, NULL, NULL);
  row = find_row (GTK_WIDGET (f->page), "Smile of the week");
  click (find_button (row, "Take Down…"));
  answer_take_down ();
  wait_until (!rounds_consents_page_is_busy (f->page));

  /* The server's words are shown; nothing is marked; it can be tried again. */
  g_assert_nonnull (find_label (f, "Could not take the post down"));
  g_assert_nonnull (find_label (f, "Injected failure"));
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (stub), ==, 1);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 0);
  row = find_row (GTK_WIDGET (f->page), "Smile of the week");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Mastodon: published"));
  g_assert_nonnull (find_button (row, "Take Down…"));
  ui_screenshot (GTK_WIDGET (f->window), "consents-take-down-refused");
}

/* ------------------------------------------------------------------ */
/* Partnerships and revoking, as the front desk does them               */

static gboolean
match_tooltip (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static void
tick_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  pump ();
}

static void
test_add_partnership (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  const RoundsPartnership *p;
  GtkWidget *dialog;
  GtkWidget *error_label;
  GtkWidget *row;

  open_page (f);
  click (find_button (GTK_WIDGET (f->page), "Add…"));
  dialog = GTK_WIDGET (find_toplevel (ROUNDS_TYPE_PARTNERSHIP_DIALOG, NULL));
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, "Partner’s name")), "Acme Floss");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, "Kind")), 1);  /* influencer */
  tick_row (dialog, "Free product or service");
  tick_row (dialog, "Instagram");
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, "Starts on (YYYY-MM-DD)")), "next week");
  ui_screenshot (dialog, "partnership-dialog");

  /* A date it cannot read: said, nothing added, nothing typed lost. */
  click (find_button (dialog, "Add"));
  g_assert_true (find_toplevel (ROUNDS_TYPE_PARTNERSHIP_DIALOG, NULL) == GTK_WINDOW (dialog));
  error_label = find_widget (dialog, match_label_containing, (gpointer)"YYYY-MM-DD");
  g_assert_nonnull (error_label);
  all = rounds_store_list_partnerships (f->store, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Partner’s name"))), ==,
                   "Acme Floss");

  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, "Starts on (YYYY-MM-DD)")), "2026-01-01");
  click (find_button (dialog, "Add"));
  g_assert_null (find_toplevel (ROUNDS_TYPE_PARTNERSHIP_DIALOG, NULL));

  /* Kept as typed; the disclosure offered is completed with the partner. */
  all = rounds_store_list_partnerships (f->store, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  p = g_ptr_array_index (all, 0);
  g_assert_cmpstr (p->partner, ==, "Acme Floss");
  g_assert_cmpstr (p->kind, ==, "influencer");
  g_assert_cmpint (p->gave, ==, ROUNDS_PARTNERSHIP_GAVE_PRODUCT);
  g_assert_cmpint (p->networks, ==, ROUNDS_NETWORK_INSTAGRAM);
  g_assert_cmpstr (p->starts_on, ==, "2026-01-01");
  g_assert_cmpstr (p->disclosure, ==, "Paid partnership with Acme Floss");

  /* Listed with what it is. */
  pump ();
  row = find_row (GTK_WIDGET (f->page), "Acme Floss");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Influencer · free product or service"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "“Paid partnership with Acme Floss”"));
}

static void
test_revoke_from_page (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = rounds_consent_new ("Test Patient Six");
  g_autoptr(RoundsConsent) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = g_build_filename (f->ui.data_dir, "scan.pdf", NULL);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_true (g_file_set_contents (scan, "%PDF-1.4\n%%EOF\n", -1, NULL));
  c->uses = ROUNDS_CONSENT_USE_QUOTE;
  c->networks = ROUNDS_NETWORK_FACEBOOK;
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (c->purpose), c->purpose = g_strdup ("Marketing");
  g_free (c->signed_on), c->signed_on = g_strdup ("2020-01-01");
  g_free (c->expires_on), c->expires_on = g_strdup ("2099-12-31");
  g_assert_true (rounds_store_add_consent (f->store, c, scan, &error));
  g_assert_no_error (error);

  open_page (f);
  row = find_row (GTK_WIDGET (f->page), "Test Patient Six");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Valid until 2099-12-31"));
  /* Its scanned form can be opened from the list. */
  g_assert_nonnull (find_widget (row, match_tooltip, (gpointer)"Open the Signed Form"));

  click (find_button (row, "Revoke…"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Letter at the front desk");
  adw_message_dialog_response (dialog, "revoke");
  pump ();

  g_assert_nonnull (find_label (f, "Revoked."));
  back = rounds_store_get_consent (f->store, c->id, &error);
  g_assert_cmpint (back->revoked_at, >, 0);
  g_assert_cmpstr (back->revoked_how, ==, "Letter at the front desk");
  row = find_row (GTK_WIDGET (f->page), "Test Patient Six");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Revoked"));
  g_assert_null (find_button (GTK_WIDGET (f->page), "Revoke…"));
}

static void
test_record_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = rounds_consent_new ("Test Patient Seven");
  g_autoptr(RoundsConsent) back = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  c->uses = ROUNDS_CONSENT_USE_PHOTO;
  c->networks = ROUNDS_NETWORK_FACEBOOK;
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (c->purpose), c->purpose = g_strdup ("Marketing");
  g_free (c->signed_on), c->signed_on = g_strdup ("2020-01-01");
  g_free (c->expiry_event), c->expiry_event = g_strdup ("End of treatment");
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_no_error (error);

  open_page (f);
  row = find_row (GTK_WIDGET (f->page), "Test Patient Seven");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Valid until End of treatment"));
  click (find_button (row, "Ended…"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“End of treatment”"));
  adw_message_dialog_response (dialog, "ended");
  pump ();

  g_assert_nonnull (find_label (f, "Ended."));
  back = rounds_store_get_consent (f->store, c->id, &error);
  g_assert_cmpint (back->event_at, >, 0);
  g_assert_cmpint (back->revoked_at, ==, 0);
  row = find_row (GTK_WIDGET (f->page), "Test Patient Seven");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Expired"));
  g_assert_null (find_button (GTK_WIDGET (f->page), "Ended…"));
}

/* ------------------------------------------------------------------ */
/* The inbox reuses the check                                           */

static gboolean
has_rule (GPtrArray  *findings,
          const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (rounds_finding_get_rule (g_ptr_array_index (findings, i)), rule) == 0)
      return TRUE;
  return FALSE;
}

static void
wait_for_scan (RoundsPostEditor *editor)
{
  wait_until (!rounds_post_editor_is_scanning (editor));
  pump ();
}

static void
test_reply_looks_sponsored (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  RoundsComment *comment = NULL;
  RoundsReplyDialog *dialog;
  RoundsPostEditor *editor;
  GListModel *comments;
  gint64 id;

  id = rounds_store_add_comment (f->store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_REVIEW,
                                 "Pat", "Great cleaning, thank you", g_get_real_time () / G_USEC_PER_SEC - 60,
                                 0, 5, &error);
  g_assert_no_error (error);
  comments = rounds_store_get_comments (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr(RoundsComment) c = g_list_model_get_item (comments, i);

      if (rounds_comment_get_id (c) == id)
        comment = c;
    }
  g_assert_nonnull (comment);

  dialog = rounds_reply_dialog_new (f->context, comment, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  editor = rounds_reply_dialog_get_editor (dialog);

  rounds_post_editor_set_text (editor, "Thank you! We are glad the visit went well.");
  wait_for_scan (editor);
  all = rounds_post_editor_dup_all_findings (editor);
  g_assert_false (has_rule (all, ROUNDS_DISCLOSURE_RULE_UNLINKED));
  g_clear_pointer (&all, g_ptr_array_unref);

  /* A discount code in a reply: the registry's check asks about a
   * partnership, as it does for a post. */
  rounds_post_editor_set_text (editor, "Thank you! Use code SMILE20 for 20% off your next whitening.");
  wait_for_scan (editor);
  all = rounds_post_editor_dup_all_findings (editor);
  g_assert_true (has_rule (all, ROUNDS_DISCLOSURE_RULE_UNLINKED));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "po", NULL);

  /* An English interface; the build's catalogs for the Spanish form. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/consents/blank-form", Fixture, NULL, fixture_set_up, test_blank_form,
              fixture_tear_down);
  g_test_add ("/ui/consents/take-down", Fixture, NULL, fixture_set_up, test_take_down,
              fixture_tear_down);
  g_test_add ("/ui/consents/take-down-refused", Fixture, NULL, fixture_set_up,
              test_take_down_refused, fixture_tear_down);
  g_test_add ("/ui/consents/add-partnership", Fixture, NULL, fixture_set_up,
              test_add_partnership, fixture_tear_down);
  g_test_add ("/ui/consents/revoke", Fixture, NULL, fixture_set_up, test_revoke_from_page,
              fixture_tear_down);
  g_test_add ("/ui/consents/record-event", Fixture, NULL, fixture_set_up, test_record_event,
              fixture_tear_down);
  g_test_add ("/ui/consents/reply-looks-sponsored", Fixture, NULL, fixture_set_up,
              test_reply_looks_sponsored, fixture_tear_down);

  return g_test_run ();
}
