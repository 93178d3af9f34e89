/* rounds-account-flow-browser.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-accounts-page-private.h"
#include "rounds-meta-sign-in.h"
#include "rounds-oauth-sign-in.h"

/* Facebook, Instagram, LinkedIn and Google sign in in the browser with
 * the practice's own app on that network (Rounds ships none): the page
 * asks for the app's id (and optional secret, kept only in the keyring),
 * opens the browser (the core's loopback sign-ins, RoundsMetaSignIn and
 * RoundsOAuthSignIn), then lets the person choose what Rounds publishes
 * as: a Page, the Instagram account linked to a Page, an organization, a
 * location. Reconnecting signs in again and takes the same one, or says
 * that this sign-in cannot publish as it. */

typedef struct
{
  RoundsNetwork  network;
  const char    *add_heading;
  const char    *body;
  const char    *help_uri;
  const char    *id_label;
  const char    *secret_label;
  const char    *choose_heading;
  const char    *choose_body;
  const char    *none;
} NetworkText;

static const NetworkText texts[] = {
  { ROUNDS_NETWORK_FACEBOOK,
    N_("Add a Facebook Page"),
    N_("Rounds has no Meta app of its own: create one on developers.facebook.com (a Business "
       "app with Facebook Login) and type its App ID here. With its App Secret, the sign-in "
       "does not expire. Rounds then opens your browser; your password is never given to "
       "Rounds."),
    "https://developers.facebook.com/docs/development/create-an-app/",
    N_("App ID"), N_("App Secret (optional)"),
    N_("Choose a Page"), N_("Rounds publishes on the Page you choose."),
    N_("This sign-in manages no Facebook Page.") },
  { ROUNDS_NETWORK_INSTAGRAM,
    N_("Add an Instagram Account"),
    N_("Instagram needs a professional account linked to a Facebook Page, and your own Meta "
       "app: create one on developers.facebook.com and type its App ID here (the App Secret "
       "is optional). Rounds then opens your browser; your password is never given to "
       "Rounds."),
    "https://developers.facebook.com/docs/instagram-platform/instagram-api-with-facebook-login/",
    N_("App ID"), N_("App Secret (optional)"),
    N_("Choose an Instagram Account"),
    N_("Each is the professional account linked to one of your Pages."),
    N_("None of your Pages has an Instagram professional account linked to it.") },
  { ROUNDS_NETWORK_LINKEDIN,
    N_("Add a LinkedIn Page"),
    N_("Rounds has no LinkedIn app of its own: create one in the LinkedIn developer portal "
       "with the Community Management API and type its Client ID and Client Secret here. "
       "Rounds then opens your browser; your password is never given to Rounds."),
    "https://learn.microsoft.com/linkedin/marketing/community-management/community-management-overview",
    N_("Client ID"), N_("Client Secret"),
    N_("Choose an Organization"), N_("Rounds publishes as the organization you choose."),
    N_("This sign-in administers no LinkedIn organization.") },
  { ROUNDS_NETWORK_GOOGLE,
    N_("Add a Google Business Profile"),
    N_("Google must first approve Business Profile API access for your Google Cloud project; "
       "then create an OAuth client of type Desktop app and type its Client ID and Client "
       "Secret here. Rounds then opens your browser; your password is never given to "
       "Rounds."),
    "https://developers.google.com/my-business/content/prereqs",
    N_("Client ID"), N_("Client Secret"),
    N_("Choose a Location"),
    N_("Rounds publishes on the Business Profile of the location you choose."),
    N_("This sign-in manages no Business Profile location.") },
};

static const NetworkText *
find_text (RoundsNetwork network)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].network == network)
      return &texts[i];
  g_assert_not_reached ();
}

static gboolean
is_meta (RoundsNetwork network)
{
  return network == ROUNDS_NETWORK_FACEBOOK || network == ROUNDS_NETWORK_INSTAGRAM;
}

typedef struct
{
  RoundsAccountsPage *page;
  RoundsNetwork       network;
  gint64              account_id;   /* 0: a new account */
  char               *remote_id;    /* reconnecting: the one it must be */
  RoundsMetaSignIn   *meta;
  RoundsOAuthSignIn  *oauth;
  GPtrArray          *meta_pages;   /* of RoundsMetaPage */
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->page);
  g_free (data->remote_id);
  g_clear_object (&data->meta);
  g_clear_object (&data->oauth);
  g_clear_pointer (&data->meta_pages, g_ptr_array_unref);
  g_free (data);
}

/* The id a choice's account has on the network (what verify says). */
static const char *
meta_remote_id (SignIn         *data,
                RoundsMetaPage *page)
{
  return data->network == ROUNDS_NETWORK_INSTAGRAM ? page->instagram_id : page->id;
}

static void
keep (SignIn     *data,
      const char *choice_id)
{
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autofree char *credentials = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url;

  if (data->meta != NULL)
    {
      RoundsMetaPage *page = NULL;
      gint64 expires_at = 0;

      for (guint i = 0; i < data->meta_pages->len; i++)
        if (g_str_equal (((RoundsMetaPage *) g_ptr_array_index (data->meta_pages, i))->id,
                         choice_id))
          page = g_ptr_array_index (data->meta_pages, i);
      credentials = rounds_meta_sign_in_dup_credentials (data->meta, choice_id, &expires_at,
                                                         &error);
      if (credentials != NULL && page != NULL)
        {
          info = rounds_account_info_new ();
          info->remote_id = g_strdup (meta_remote_id (data, page));
          info->display_name = g_strdup (page->name);
          info->handle = data->network == ROUNDS_NETWORK_INSTAGRAM && page->instagram_username
                         ? g_strconcat ("@", page->instagram_username, NULL)
                         : g_strdup (page->name);
          info->token_expires_at = expires_at;
        }
      base_url = rounds_meta_sign_in_get_graph_url (data->meta);
    }
  else
    {
      credentials = rounds_oauth_sign_in_dup_credentials (data->oauth, choice_id, &info, &error);
      base_url = rounds_oauth_sign_in_get_api_url (data->oauth);
    }

  if (credentials == NULL)
    {
      _rounds_accounts_page_toast (data->page, error ? error->message
                                                     : _("That choice is no longer offered"));
      return;
    }
  _rounds_accounts_page_keep_sign_in (data->page, data->network, data->account_id, base_url,
                                      credentials, info);
}

static void
on_chosen_cb (RoundsAccountsPage *page,
              const char         *id,
              gpointer            user_data)
{
  SignIn *data = user_data;

  if (id != NULL)
    keep (data, id);
  sign_in_free (data);
}

/* Takes over @data. */
static void
offer (SignIn                    *data,
       const RoundsAccountChoice *choices,
       guint                      n_choices)
{
  const NetworkText *text = find_text (data->network);

  if (data->remote_id != NULL)
    {
      /* Reconnecting: the same Page, organization or location, or nothing. */
      for (guint i = 0; i < n_choices; i++)
        if (choices[i].usable && g_strcmp0 (choices[i].id, data->remote_id) == 0)
          {
            keep (data, choices[i].id);
            sign_in_free (data);
            return;
          }
      _rounds_accounts_page_toast (data->page,
                                   _("This sign-in cannot publish as the connected account. "
                                     "Sign in as someone who manages it."));
      sign_in_free (data);
      return;
    }
  if (n_choices == 0)
    {
      _rounds_accounts_page_toast (data->page, _(text->none));
      sign_in_free (data);
      return;
    }
  _rounds_accounts_page_choose (data->page, _(text->choose_heading), _(text->choose_body),
                                choices, n_choices, on_chosen_cb, data);
}

static void
on_meta_complete_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SignIn *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree RoundsAccountChoice *choices = NULL;
  guint n = 0;

  data->meta_pages = rounds_meta_sign_in_complete_finish (data->meta, result, &error);
  if (data->meta_pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rounds_accounts_page_toast (data->page, error->message);
      sign_in_free (data);
      return;
    }

  choices = g_new0 (RoundsAccountChoice, data->meta_pages->len + 1);
  for (guint i = 0; i < data->meta_pages->len; i++)
    {
      RoundsMetaPage *page = g_ptr_array_index (data->meta_pages, i);
      RoundsAccountChoice *choice = &choices[n++];

      choice->usable = page->can_publish;
      if (data->network == ROUNDS_NETWORK_INSTAGRAM)
        {
          char *title = g_strconcat ("@", page->instagram_username ? page->instagram_username
                                                                   : page->instagram_id, NULL);
          /* TRANSLATORS: under an Instagram account: "Linked to Sunrise Family Clinic" */
          char *subtitle = g_strdup_printf (_("Linked to %s"), page->name);

          g_ptr_array_add (names, title);
          g_ptr_array_add (names, subtitle);
          choice->title = title;
          choice->subtitle = subtitle;
        }
      else
        choice->title = page->name;
      if (!page->can_publish)
        choice->subtitle = _("You may not publish on this Page");
      choice->id = page->id;
    }

  if (data->remote_id != NULL)
    {
      /* The account's own id is the Page's, or its Instagram account's. */
      for (guint i = 0; i < data->meta_pages->len; i++)
        {
          RoundsMetaPage *page = g_ptr_array_index (data->meta_pages, i);

          if (page->can_publish && g_strcmp0 (meta_remote_id (data, page), data->remote_id) == 0)
            {
              keep (data, page->id);
              sign_in_free (data);
              return;
            }
        }
      n = 0;   /* offer() says it is not there */
    }
  offer (data, choices, n);
}

static void
on_oauth_complete_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SignIn *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree RoundsAccountChoice *choices = NULL;

  found = rounds_oauth_sign_in_complete_finish (data->oauth, result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rounds_accounts_page_toast (data->page, error->message);
      sign_in_free (data);
      return;
    }
  choices = g_new0 (RoundsAccountChoice, found->len + 1);
  for (guint i = 0; i < found->len; i++)
    {
      RoundsSignInChoice *choice = g_ptr_array_index (found, i);

      choices[i].id = choice->id;
      choices[i].title = choice->name;
      choices[i].subtitle = choice->detail;
      choices[i].usable = TRUE;
    }
  offer (data, choices, found->len);
}

static void
on_app_cb (RoundsAccountsPage *page,
           const char         *app_id,
           const char         *app_secret,
           gpointer            user_data)
{
  SignIn *data = user_data;
  const char *api_url = _rounds_accounts_page_get_api_url (page, data->network);
  const char *login_url = _rounds_accounts_page_get_login_url (page, data->network);
  GCancellable *cancellable = _rounds_accounts_page_get_cancellable (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (app_id == NULL)
    {
      sign_in_free (data);
      return;
    }

  if (is_meta (data->network))
    {
      data->meta = rounds_meta_sign_in_new (data->network, app_id, app_secret, &error);
      if (data->meta != NULL)
        {
          rounds_meta_sign_in_set_urls (data->meta, api_url, login_url);
          url = rounds_meta_sign_in_begin (data->meta, &error);
        }
    }
  else
    {
      data->oauth = rounds_oauth_sign_in_new (data->network, app_id, app_secret, &error);
      if (data->oauth != NULL)
        {
          rounds_oauth_sign_in_set_urls (data->oauth, api_url, login_url);
          url = rounds_oauth_sign_in_begin (data->oauth, &error);
        }
    }
  if (url == NULL)
    {
      _rounds_accounts_page_toast (page, error->message);
      sign_in_free (data);
      return;
    }

  _rounds_accounts_page_toast (page, _("Finish signing in in your browser, then come back here"));
  if (data->meta != NULL)
    rounds_meta_sign_in_complete_async (data->meta, cancellable, on_meta_complete_cb, data);
  else
    rounds_oauth_sign_in_complete_async (data->oauth, cancellable, on_oauth_complete_cb, data);
  _rounds_accounts_page_open_browser (page, url);
}

static void
start (RoundsAccountsPage *page,
       RoundsNetwork       network,
       RoundsAccount      *account)
{
  const NetworkText *text = find_text (network);
  SignIn *data = g_new0 (SignIn, 1);
  g_autofree char *heading = NULL;

  data->page = g_object_ref (page);
  data->network = network;
  if (account != NULL)
    {
      g_autofree char *label = rounds_account_dup_label (account);

      data->account_id = rounds_account_get_id (account);
      data->remote_id = g_strdup (rounds_account_get_remote_id (account));
      /* TRANSLATORS: "Reconnect Facebook Sunrise Family Clinic" */
      heading = g_strdup_printf (_("Reconnect %s"), label);
    }
  _rounds_accounts_page_ask_app (page, account, heading ? heading : _(text->add_heading),
                                 _(text->body), text->help_uri, _(text->id_label),
                                 _(text->secret_label), on_app_cb, data);
}

#define DEFINE_FLOW(name, NETWORK, NEEDS)                            \
  static void                                                        \
  name##_add (RoundsAccountsPage *page)                              \
  {                                                                  \
    start (page, NETWORK, NULL);                                     \
  }                                                                  \
  static void                                                        \
  name##_reconnect (RoundsAccountsPage *page,                        \
                    RoundsAccount      *account)                     \
  {                                                                  \
    start (page, NETWORK, account);                                  \
  }                                                                  \
  const RoundsAccountFlow _rounds_##name##_account_flow = {          \
    .network = NETWORK,                                              \
    .needs = NEEDS,                                                  \
    .add = name##_add,                                               \
    .reconnect = name##_reconnect,                                   \
  };

DEFINE_FLOW (facebook, ROUNDS_NETWORK_FACEBOOK,
             N_("Needs your own Meta app; until then, posted by hand"))
DEFINE_FLOW (instagram, ROUNDS_NETWORK_INSTAGRAM,
             N_("Needs a professional account linked to a Facebook Page, and your own Meta app"))
DEFINE_FLOW (linkedin, ROUNDS_NETWORK_LINKEDIN,
             N_("Needs your own LinkedIn app; until then, posted by hand"))
DEFINE_FLOW (google, ROUNDS_NETWORK_GOOGLE,
             N_("Needs Google’s approval of API access for your project; until then, posted by hand"))
