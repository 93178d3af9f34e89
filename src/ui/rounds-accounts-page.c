/* rounds-accounts-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-accounts-page-private.h"
#include "rounds-offline.h"
#include "rounds-time.h"

/* Preferences → Accounts: the connected accounts with their state
 * ("connected as @handle", "token expires on …", the last error), and
 * Reconnect and Remove (after a confirmation); below, one row per
 * network to add an account, which says plainly when a network cannot
 * be connected yet. Each network plugs in its own add and reconnect flow
 * (RoundsAccountFlow, rounds-accounts-page-private.h: Mastodon in the
 * browser, Bluesky with an app password, Facebook, Instagram, LinkedIn
 * and Google in the browser with the practice's own app,
 * rounds-account-flow-browser.c); every flow ends
 * in _rounds_accounts_page_keep_sign_in(), which stores the tokens in the
 * keyring and the account in the store. The list redraws from the
 * store's accounts model; nothing here runs SQL or HTTP itself. */

struct _RoundsAccountsPage
{
  AdwPreferencesPage    parent_instance;

  /* template */
  GtkListBox           *accounts_list;
  AdwPreferencesGroup  *add_group;

  /* owned */
  RoundsContext        *context;
  RoundsSecrets        *secrets;
  GCancellable         *cancellable;
  GHashTable           *api_urls;     /* network → test address */
  GHashTable           *login_urls;
  char                 *add_description;
};

G_DEFINE_FINAL_TYPE (RoundsAccountsPage, rounds_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  OPEN_BROWSER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The networks, in the order a practice is most likely to use them. */
static const RoundsNetwork networks[] = {
  ROUNDS_NETWORK_MASTODON, ROUNDS_NETWORK_BLUESKY, ROUNDS_NETWORK_FACEBOOK,
  ROUNDS_NETWORK_INSTAGRAM, ROUNDS_NETWORK_LINKEDIN, ROUNDS_NETWORK_GOOGLE,
};

/* The sign-in flows, one per network that has one. A network's flow
 * arrives with its connector: add it here. */
static const RoundsAccountFlow * const flows[] = {
  &_rounds_mastodon_account_flow,
  &_rounds_bluesky_account_flow,
  &_rounds_facebook_account_flow,
  &_rounds_instagram_account_flow,
  &_rounds_linkedin_account_flow,
  &_rounds_google_account_flow,
};

static const RoundsAccountFlow *
find_flow (RoundsNetwork network)
{
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    if (flows[i]->network == network)
      return flows[i];
  return NULL;
}

static gboolean
network_can_connect (RoundsNetwork network)
{
  return find_flow (network) != NULL;
}

static char *
dup_state_text (RoundsAccountsPage *self,
                RoundsAccount      *account)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (self->context);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  gint64 expires = rounds_account_get_token_expires_at (account);
  g_autoptr(GString) text = g_string_new (NULL);

  if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
    {
      /* TRANSLATORS: the account's sign-in stopped working; %s is the network's message */
      g_string_append_printf (text, _("Needs reconnecting: %s"),
                              rounds_account_get_last_error (account)
                                ? rounds_account_get_last_error (account)
                                : _("the sign-in no longer works"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  g_string_append (text, _("Connected"));
  if (expires > 0)
    {
      g_autofree char *when = rounds_time_format_short (tz, expires, now);

      g_string_append (text, " · ");
      if (expires <= now)
        g_string_append (text, _("sign-in expired"));
      else
        /* TRANSLATORS: "sign-in expires Friday 12 December" */
        g_string_append_printf (text, _("sign-in expires %s"), when);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  RoundsAccountsPage *self = user_data;
  RoundsAccount *account = item;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_name = NULL;
  g_autofree char *reconnect_name = NULL;
  g_autofree char *label = rounds_account_dup_label (account);
  gint64 id = rounds_account_get_id (account);
  GtkWidget *row, *remove, *reconnect;

  row = adw_action_row_new ();
  /* TRANSLATORS: "@clinic@med-mastodon.com on Mastodon" */
  title = g_strdup_printf (_("%s on %s"), rounds_account_get_handle (account),
                           rounds_network_get_label (rounds_account_get_network (account)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  subtitle = dup_state_text (self, account);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
    gtk_widget_add_css_class (row, "error");

  reconnect = gtk_button_new_with_mnemonic (_("_Reconnect"));
  gtk_widget_set_valign (reconnect, GTK_ALIGN_CENTER);
  if (network_can_connect (rounds_account_get_network (account)))
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (reconnect), "accounts.reconnect");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (reconnect),
                                              g_variant_new_int64 (id));
    }
  /* TRANSLATORS: an accessible name: "Reconnect Mastodon @clinic" */
  reconnect_name = g_strdup_printf (_("Reconnect %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reconnect), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reconnect_name, -1);
  if (!network_can_connect (rounds_account_get_network (account)))
    {
      gtk_widget_set_sensitive (reconnect, FALSE);
      gtk_widget_set_tooltip_text (reconnect, _("Signing in to this network is not available "
                                                "in this version of Rounds"));
    }
  if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
    gtk_widget_add_css_class (reconnect, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reconnect);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "accounts.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int64 (id));
  /* TRANSLATORS: an accessible name and tooltip: "Remove Mastodon @clinic" */
  remove_name = g_strdup_printf (_("Remove %s"), label);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *label = gtk_label_new (_("No account connected yet: every network is posted by "
                                      "hand."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
build_add_rows (RoundsAccountsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add…"));
      g_autofree char *name = NULL;
      const char *label = rounds_network_get_label (networks[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* TRANSLATORS: an accessible name: "Add a Mastodon account" */
      name = g_strdup_printf (_("Add a %s account"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      if (network_can_connect (networks[i]))
        {
          const char *needs = find_flow (networks[i])->needs;

          if (needs != NULL)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(needs));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "accounts.add");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                  g_variant_new_string (rounds_network_to_string (networks[i])));
        }
      else
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Not available yet in this version of Rounds"));
          gtk_widget_set_sensitive (button, FALSE);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->add_group, row);
    }
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */

static void
show_toast (RoundsAccountsPage *self,
            const char         *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* The network's words may hold markup characters (toasts are markup). */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_secret_cleared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_clear_finish (ROUNDS_SECRETS (source), result, &error))
    g_warning ("Could not remove an account's sign-in from the keyring: %s", error->message);
}

typedef struct
{
  RoundsAccountsPage *self;
  gint64              id;
} RemoveData;

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  RemoveData *data = user_data;
  RoundsAccountsPage *self = data->self;
  RoundsStore *store = rounds_context_get_store (self->context);
  RoundsAccount *account = rounds_store_lookup_account (store, data->id);
  g_autofree char *secret_id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") == 0 && account != NULL)
    {
      secret_id = g_strdup (rounds_account_get_secret_id (account));
      if (!rounds_store_remove_account (store, data->id, &error))
        show_toast (self, error->message);
      else
        {
          rounds_secrets_clear_async (self->secrets, secret_id, NULL, on_secret_cleared_cb, NULL);
          show_toast (self, _("Account removed"));
        }
    }

  g_object_unref (data->self);
  g_free (data);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RoundsAccountsPage *self = ROUNDS_ACCOUNTS_PAGE (widget);
  RoundsAccount *account;
  g_autofree char *label = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  RemoveData *data;

  account = rounds_store_lookup_account (rounds_context_get_store (self->context),
                                         g_variant_get_int64 (param));
  if (account == NULL)
    return;

  label = rounds_account_dup_label (account);
  /* TRANSLATORS: "Remove Mastodon @clinic?" */
  heading = g_strdup_printf (_("Remove %s?"), label);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Posts that have not gone out to this account yet will not "
                                     "be published there. Posts already published stay online. "
                                     "Its sign-in is removed from your keyring."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (RemoveData, 1);
  data->self = g_object_ref (self);
  data->id = g_variant_get_int64 (param);
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Keeping a sign-in (every network)                                    */

typedef struct
{
  RoundsAccountsPage *self;
  RoundsNetwork       network;
  gint64              account_id;
  gboolean            is_new;       /* added by this sign-in */
  RoundsAccountInfo  *info;
} Keep;

static void
keep_free (Keep *keep)
{
  g_clear_object (&keep->self);
  g_clear_pointer (&keep->info, rounds_account_info_free);
  g_free (keep);
}

static void
on_kept_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Keep *keep = user_data;
  RoundsAccountsPage *self = keep->self;
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error))
    {
      /* No tokens, no account: a new one is taken back out. */
      if (keep->is_new)
        rounds_store_remove_account (store, keep->account_id, NULL);
      show_toast (self, error->message);
      keep_free (keep);
      return;
    }

  if (!keep->is_new && !rounds_store_reconnect_account (store, keep->account_id,
                                                        keep->info->handle,
                                                        keep->info->display_name,
                                                        keep->info->token_expires_at, &error))
    show_toast (self, error->message);
  else
    {
      /* TRANSLATORS: "Connected as @clinic@med-mastodon.com" */
      g_autofree char *message = g_strdup_printf (_("Connected as %s"), keep->info->handle);
      show_toast (self, message);
    }

  keep_free (keep);
}

void
_rounds_accounts_page_keep_sign_in (RoundsAccountsPage      *self,
                                    RoundsNetwork            network,
                                    gint64                   account_id,
                                    const char              *base_url,
                                    const char              *credentials,
                                    const RoundsAccountInfo *info)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  RoundsAccount *account;
  Keep *keep;

  if (credentials == NULL || info == NULL || info->handle == NULL)
    {
      show_toast (self, _("The network’s answer did not say who signed in"));
      return;
    }

  if (account_id == 0)
    {
      account = rounds_store_add_account (store, network, base_url, info->handle,
                                          info->display_name, info->remote_id,
                                          info->token_expires_at, &error);
      if (account == NULL)
        {
          show_toast (self, error->message);
          return;
        }
    }
  else if ((account = rounds_store_lookup_account (store, account_id)) == NULL)
    return;  /* removed meanwhile */

  keep = g_new0 (Keep, 1);
  keep->self = g_object_ref (self);
  keep->network = network;
  keep->account_id = rounds_account_get_id (account);
  keep->is_new = account_id == 0;
  keep->info = rounds_account_info_copy (info);
  label = rounds_account_dup_label (account);
  rounds_secrets_store_async (self->secrets, rounds_account_get_secret_id (account), label,
                              credentials, NULL, on_kept_cb, keep);
}

RoundsSecrets *
_rounds_accounts_page_get_secrets (RoundsAccountsPage *self)
{
  return self->secrets;
}

const char *
_rounds_accounts_page_get_api_url (RoundsAccountsPage *self,
                                   RoundsNetwork       network)
{
  return g_hash_table_lookup (self->api_urls, GINT_TO_POINTER (network));
}

const char *
_rounds_accounts_page_get_login_url (RoundsAccountsPage *self,
                                     RoundsNetwork       network)
{
  return g_hash_table_lookup (self->login_urls, GINT_TO_POINTER (network));
}

RoundsContext *
_rounds_accounts_page_get_context (RoundsAccountsPage *self)
{
  return self->context;
}

GCancellable *
_rounds_accounts_page_get_cancellable (RoundsAccountsPage *self)
{
  return self->cancellable;
}

void
_rounds_accounts_page_toast (RoundsAccountsPage *self,
                             const char         *text)
{
  show_toast (self, text);
}

void
_rounds_accounts_page_open_browser (RoundsAccountsPage *self,
                                    const char         *url)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[OPEN_BROWSER], 0, url, &handled);
}

static gboolean
rounds_accounts_page_real_open_browser (RoundsAccountsPage *self,
                                        const char         *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
  return TRUE;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RoundsAccountsPage *self = ROUNDS_ACCOUNTS_PAGE (widget);
  RoundsNetwork network = rounds_network_from_string (g_variant_get_string (param, NULL));
  const RoundsAccountFlow *flow = find_flow (network);

  if (flow == NULL)
    return;

  flow->add (self);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RoundsAccountsPage *self = ROUNDS_ACCOUNTS_PAGE (widget);
  RoundsAccount *account;
  const RoundsAccountFlow *flow;

  account = rounds_store_lookup_account (rounds_context_get_store (self->context),
                                         g_variant_get_int64 (param));
  if (account == NULL || (flow = find_flow (rounds_account_get_network (account))) == NULL)
    return;

  flow->reconnect (self, account);
}

/* ------------------------------------------------------------------ */

static void
rounds_accounts_page_dispose (GObject *object)
{
  RoundsAccountsPage *self = (RoundsAccountsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->secrets);
  g_clear_object (&self->context);
  g_clear_pointer (&self->api_urls, g_hash_table_unref);
  g_clear_pointer (&self->login_urls, g_hash_table_unref);
  g_clear_pointer (&self->add_description, g_free);

  G_OBJECT_CLASS (rounds_accounts_page_parent_class)->dispose (object);
}

static void
rounds_accounts_page_class_init (RoundsAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_accounts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsAccountsPage, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, RoundsAccountsPage, add_group);

  /**
   * RoundsAccountsPage::open-browser:
   * @url: the sign-in page to show
   *
   * A browser sign-in wants @url shown. The default handler opens the
   * user's browser; a test connects first, returns %TRUE and plays the
   * browser itself.
   *
   * Returns: %TRUE when handled
   */
  signals[OPEN_BROWSER] =
    g_signal_new_class_handler ("open-browser", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (rounds_accounts_page_real_open_browser),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "accounts.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "accounts.reconnect", "x", reconnect_action);
  gtk_widget_class_install_action (widget_class, "accounts.add", "s", add_action);
}

static void
rounds_accounts_page_init (RoundsAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->api_urls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->login_urls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gtk_list_box_set_placeholder (self->accounts_list, create_placeholder ());
  build_add_rows (self);
}

/* While the practice server cannot be reached no account can be added,
 * reconnected or removed (each is a row on the server): the actions are
 * off and the group says why. Back online, on again. */
static void
update_online (RoundsAccountsPage *self)
{
  gboolean online = rounds_store_get_online (rounds_context_get_store (self->context));
  g_autofree char *description = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.remove", online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.reconnect", online);
  if (online)
    description = g_strdup (self->add_description);
  else
    description = g_strdup_printf ("%s\n\n%s", rounds_offline_explanation (),
                                   self->add_description);
  adw_preferences_group_set_description (self->add_group, description);
}

RoundsAccountsPage *
rounds_accounts_page_new (RoundsContext *context)
{
  RoundsAccountsPage *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_ACCOUNTS_PAGE, NULL);
  self->context = g_object_ref (context);
  self->secrets = rounds_secrets_new ();
  gtk_list_box_bind_model (self->accounts_list,
                           rounds_store_get_accounts (rounds_context_get_store (context)),
                           create_account_row, self, NULL);
  self->add_description = g_strdup (adw_preferences_group_get_description (self->add_group));
  g_signal_connect_object (rounds_context_get_store (context), "notify::online",
                           G_CALLBACK (update_online), self, G_CONNECT_SWAPPED);
  update_online (self);

  return self;
}

void
rounds_accounts_page_set_sign_in_urls (RoundsAccountsPage *self,
                                       RoundsNetwork       network,
                                       const char         *api_url,
                                       const char         *login_url)
{
  g_return_if_fail (ROUNDS_IS_ACCOUNTS_PAGE (self));

  if (api_url != NULL)
    g_hash_table_replace (self->api_urls, GINT_TO_POINTER (network), g_strdup (api_url));
  else
    g_hash_table_remove (self->api_urls, GINT_TO_POINTER (network));
  if (login_url != NULL)
    g_hash_table_replace (self->login_urls, GINT_TO_POINTER (network), g_strdup (login_url));
  else
    g_hash_table_remove (self->login_urls, GINT_TO_POINTER (network));
}
