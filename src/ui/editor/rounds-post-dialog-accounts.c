/* rounds-post-dialog-accounts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-post-dialog-private.h"
#include "rounds-store-publish.h"

/* The post dialog's "Publish to" group (issue 12): a check per connected
 * account. A network with accounts is published to the accounts checked
 * here; a network without any stays posted by hand, as before. Checking
 * an account checks its network; checking a network checks all its
 * accounts when none was; unchecking a network (or all of its accounts)
 * leaves it out. What is chosen is written with the post as one
 * publication per account (rounds_store_set_post_accounts()); a post
 * saved before any choice goes to every account of its networks. */

static RoundsAccount *
account_at (RoundsPostDialog *self,
            guint             index)
{
  return rounds_store_lookup_account (_rounds_post_dialog_get_store (self),
                                      g_array_index (self->account_ids, gint64, index));
}

static GtkCheckButton *
network_check (RoundsPostDialog *self,
               RoundsNetwork     network)
{
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (rounds_network_from_index (i) == network)
      return g_ptr_array_index (self->network_checks, i);
  return NULL;
}

static void
on_account_toggled_cb (GtkCheckButton   *check,
                       RoundsPostDialog *self)
{
  RoundsAccount *account;
  RoundsNetwork network;
  gboolean any = FALSE;
  guint index;

  if (self->filling || self->syncing_accounts)
    return;
  if (!g_ptr_array_find (self->account_checks, check, &index) ||
      (account = account_at (self, index)) == NULL)
    return;
  network = rounds_account_get_network (account);

  for (guint i = 0; i < self->account_checks->len; i++)
    {
      RoundsAccount *other = account_at (self, i);

      if (other != NULL && rounds_account_get_network (other) == network &&
          gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)))
        any = TRUE;
    }

  /* The network follows its accounts (its own handler autosaves). */
  self->syncing_accounts = TRUE;
  gtk_check_button_set_active (network_check (self, network), any);
  self->syncing_accounts = FALSE;
}

/**
 * _rounds_post_dialog_sync_accounts:
 *
 * A network was checked or unchecked: its accounts follow.
 */
void
_rounds_post_dialog_sync_accounts (RoundsPostDialog *self)
{
  if (self->account_checks == NULL || self->syncing_accounts)
    return;

  self->syncing_accounts = TRUE;
  for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
    {
      RoundsNetwork network = rounds_network_from_index (n);
      gboolean on = gtk_check_button_get_active (g_ptr_array_index (self->network_checks, n));
      gboolean any = FALSE;

      for (guint i = 0; i < self->account_checks->len; i++)
        {
          RoundsAccount *account = account_at (self, i);

          if (account != NULL && rounds_account_get_network (account) == network &&
              gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)))
            any = TRUE;
        }

      for (guint i = 0; i < self->account_checks->len; i++)
        {
          RoundsAccount *account = account_at (self, i);
          GtkCheckButton *check = g_ptr_array_index (self->account_checks, i);

          if (account == NULL || rounds_account_get_network (account) != network)
            continue;
          if (!on)
            gtk_check_button_set_active (check, FALSE);
          else if (!any)
            gtk_check_button_set_active (check, TRUE);
        }
    }
  self->syncing_accounts = FALSE;
}

/**
 * _rounds_post_dialog_build_accounts:
 *
 * One row per connected account, under the networks. Without any
 * account the group stays hidden: every network is posted by hand.
 */
void
_rounds_post_dialog_build_accounts (RoundsPostDialog *self)
{
  GListModel *accounts = rounds_store_get_accounts (_rounds_post_dialog_get_store (self));
  guint n = g_list_model_get_n_items (accounts);

  self->account_checks = g_ptr_array_new ();
  self->account_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *label = rounds_account_dup_label (account);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gint64 id = rounds_account_get_id (account);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     rounds_account_get_handle (account));
      if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
        /* TRANSLATORS: "Bluesky · needs reconnecting" */
        subtitle = g_strdup_printf (_("%s · needs reconnecting"),
                                    rounds_network_get_label (rounds_account_get_network (account)));
      else
        subtitle = g_strdup (rounds_network_get_label (rounds_account_get_network (account)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect (check, "toggled", G_CALLBACK (on_account_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row labels the check box by its title (the handle); its own
       * name replaces that, or GTK 4.8 would say both. */
      /* TRANSLATORS: an accessible name: "Publish to Mastodon @clinic@example.social" */
      {
        g_autofree char *name = g_strdup_printf (_("Publish to %s"), label);

        gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      }
      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_checks, check);
      g_array_append_val (self->account_ids, id);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), n > 0);
}

/**
 * _rounds_post_dialog_fill_accounts:
 *
 * Checks the accounts the post goes to: those it has publications on,
 * or (none chosen yet) every account of its networks.
 */
void
_rounds_post_dialog_fill_accounts (RoundsPostDialog *self)
{
  g_autoptr(GPtrArray) pubs = NULL;
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;
  gboolean chosen = FALSE;

  if (self->account_checks == NULL || self->account_checks->len == 0)
    return;

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->network_checks, i)))
      networks |= rounds_network_from_index (i);

  if (self->post != NULL)
    pubs = rounds_store_list_publications (_rounds_post_dialog_get_store (self),
                                           rounds_post_get_id (self->post), NULL);
  for (guint i = 0; pubs != NULL && i < pubs->len; i++)
    if (rounds_publication_get_state (g_ptr_array_index (pubs, i)) != ROUNDS_PUBLICATION_CANCELLED)
      chosen = TRUE;

  self->syncing_accounts = TRUE;
  for (guint i = 0; i < self->account_checks->len; i++)
    {
      gint64 id = g_array_index (self->account_ids, gint64, i);
      RoundsAccount *account = account_at (self, i);
      gboolean on = FALSE;

      if (chosen)
        for (guint p = 0; p < pubs->len; p++)
          {
            RoundsPublication *pub = g_ptr_array_index (pubs, p);

            on |= rounds_publication_get_account_id (pub) == id &&
                  rounds_publication_get_state (pub) != ROUNDS_PUBLICATION_CANCELLED;
          }
      else
        on = account != NULL && (rounds_account_get_network (account) & networks) != 0;
      gtk_check_button_set_active (g_ptr_array_index (self->account_checks, i), on);
    }
  self->syncing_accounts = FALSE;
}

/**
 * _rounds_post_dialog_save_accounts:
 *
 * Writes the chosen accounts with the post.
 */
gboolean
_rounds_post_dialog_save_accounts (RoundsPostDialog  *self,
                                   gint64             post_id,
                                   GError           **error)
{
  g_autoptr(GArray) ids = NULL;

  if (self->account_checks == NULL || self->account_checks->len == 0)
    return TRUE;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->account_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->account_checks, i)) &&
        account_at (self, i) != NULL)
      g_array_append_val (ids, g_array_index (self->account_ids, gint64, i));

  return rounds_store_set_post_accounts (_rounds_post_dialog_get_store (self), post_id,
                                         (const gint64 *)ids->data, ids->len, error);
}
