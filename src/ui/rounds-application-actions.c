/* rounds-application-actions.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-application"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rounds-application-private.h"
#include "rounds-preferences-window.h"
#include "rounds-secrets.h"
#include "rounds-server-preferences.h"
#include "rounds-window.h"
#include "rounds-toast.h"

/* Application actions, and every keyboard accelerator of the app in one
 * place (the shortcuts window, resources/ui/rounds-shortcuts.ui, lists them). */

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit",                  { "<Control>q", NULL } },
  { "app.preferences",           { "<Control>comma", NULL } },
  { "app.help",                  { "F1", NULL } },
  { "win.show-help-overlay",     { "<Control>question", NULL } },
  { "win.new-post",              { "<Control>n", NULL } },
  { "win.show-place::plan",      { "<Alt>1", NULL } },
  { "win.show-place::calendar",  { "<Alt>2", NULL } },
  { "win.show-place::posts",     { "<Alt>3", NULL } },
  { "win.show-place::inbox",     { "<Alt>4", NULL } },
  { "win.show-place::insights",  { "<Alt>5", NULL } },
  { "window.close",              { "<Control>w", NULL } },
  /* The Calendar's keys (Alt+arrows, Ctrl+Z, Ctrl+R, Ctrl+T,
   * Ctrl+Page Up/Down) act on the page and are bound in its class:
   * see rounds_calendar_page_class_init(). */
};

/* What the About window says comes from the metainfo, so that the two
 * never disagree. */
typedef struct
{
  GString  *text;
  GString  *release_notes;
  char     *summary;
  char     *developer;
  char     *homepage;
  char     *bugtracker;
  char     *release;
  int       in_release;      /* depth inside the first <release> */
  gboolean  release_done;
  gboolean  capture;
} Metainfo;

static void
metainfo_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Metainfo *info = user_data;

  if (info->in_release > 0)
    {
      info->in_release++;
      if (!g_str_equal (element, "description"))
        {
          g_string_append_printf (info->release_notes, "<%s>", element);
        }
      return;
    }

  if (g_str_equal (element, "release") && !info->release_done)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          info->release = g_strdup (values[i]);
      info->in_release = 1;
      return;
    }

  g_string_truncate (info->text, 0);
  info->capture = TRUE;

  if (g_str_equal (element, "url"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "type"))
        g_string_assign (info->text, values[i]), g_string_append_c (info->text, '|');
}

static void
metainfo_end (GMarkupParseContext  *context,
              const char           *element,
              gpointer              user_data,
              GError              **error)
{
  Metainfo *info = user_data;

  if (info->in_release > 0)
    {
      info->in_release--;
      if (info->in_release == 0)
        info->release_done = TRUE;
      else if (!g_str_equal (element, "description"))
        g_string_append_printf (info->release_notes, "</%s>", element);
      return;
    }

  if (!info->capture)
    return;
  info->capture = FALSE;

  if (g_str_equal (element, "summary") && info->summary == NULL)
    info->summary = g_strdup (info->text->str);
  else if (g_str_equal (element, "developer_name") && info->developer == NULL)
    info->developer = g_strdup (info->text->str);
  else if (g_str_equal (element, "url"))
    {
      if (g_str_has_prefix (info->text->str, "homepage|"))
        info->homepage = g_strdup (info->text->str + strlen ("homepage|"));
      else if (g_str_has_prefix (info->text->str, "bugtracker|"))
        info->bugtracker = g_strdup (info->text->str + strlen ("bugtracker|"));
    }
}

static void
metainfo_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 len,
               gpointer              user_data,
               GError              **error)
{
  Metainfo *info = user_data;
  g_autofree char *chunk = g_strndup (text, len);

  if (info->in_release > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (g_strstrip (chunk), -1);
      g_string_append (info->release_notes, escaped);
    }
  else if (info->capture)
    g_string_append (info->text, g_strstrip (chunk));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const GMarkupParser parser = { metainfo_start, metainfo_end, metainfo_text, NULL, NULL };
  Metainfo info = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GtkWidget *about;
  const char *developers[] = { "The Rounds developers", NULL };

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/metainfo.xml", 0, NULL);
  if (bytes != NULL)
    {
      context = g_markup_parse_context_new (&parser, 0, &info, NULL);
      if (!g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes), NULL))
        g_warning ("The bundled metainfo could not be read");
    }

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Rounds"),
                        "version", PACKAGE_VERSION,
                        "comments", info.summary ? _(info.summary) : "",
                        "developer-name", info.developer ? info.developer : "",
                        "website", info.homepage ? info.homepage : "",
                        "issue-url", info.bugtracker ? info.bugtracker : "",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Rounds developers",
                        "developers", developers,
                        /* TRANSLATORS: your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (info.release != NULL)
    {
      adw_about_window_set_release_notes_version (ADW_ABOUT_WINDOW (about), info.release);
      adw_about_window_set_release_notes (ADW_ABOUT_WINDOW (about), info.release_notes->str);
    }

  gtk_window_present (GTK_WINDOW (about));

  g_string_free (info.text, TRUE);
  g_string_free (info.release_notes, TRUE);
  g_free (info.summary);
  g_free (info.developer);
  g_free (info.homepage);
  g_free (info.bugtracker);
  g_free (info.release);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  RoundsContext *context = ROUNDS_IS_WINDOW (parent)
                             ? rounds_window_get_context (ROUNDS_WINDOW (parent)) : NULL;
  RoundsPreferencesWindow *prefs;

  prefs = rounds_preferences_window_new (rounds_application_get_settings (self), context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The header's Manage People…: Preferences → People. */
static void
people_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  RoundsContext *context = ROUNDS_IS_WINDOW (parent)
                             ? rounds_window_get_context (ROUNDS_WINDOW (parent)) : NULL;
  RoundsPreferencesWindow *prefs;

  prefs = rounds_preferences_window_new (rounds_application_get_settings (self), context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  rounds_preferences_window_show_people (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The header's person switch on a practice server: the person chosen
 * signs in with their own login. With their password in this PC's
 * keyring (rounds_server_secret_id_for()) the practice is opened again
 * as them at once; without it, Preferences → Practice Server asks for
 * it (Connect keeps it for the next time). */
static void
sign_in_as_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (user_data);
  GSettings *settings = rounds_application_get_settings (self);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *login = g_variant_get_string (param, NULL);
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  g_autofree char *id = rounds_server_secret_id_for (login);
  g_autofree char *password = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPreferencesWindow *prefs;

  if (!g_settings_get_boolean (settings, "use-server"))
    return;
  password = rounds_secrets_lookup_sync (secrets, id, NULL, &error);
  if (password != NULL)
    {
      g_autoptr(RoundsContext) context = NULL;

      memset (password, 0, strlen (password));
      previous = g_settings_get_string (settings, "server-user");
      g_settings_set_string (settings, "server-user", login);
      context = rounds_application_switch_practice (self, &error);
      if (context != NULL)
        return;
      /* Their password no longer works (a new one was made): back to
       * whoever was signed in, and ask for it below. */
      g_debug ("Signing in as another person failed: %s", error->message);
      g_settings_set_string (settings, "server-user", previous);
    }

  prefs = rounds_preferences_window_new (settings, ROUNDS_IS_WINDOW (parent)
                                                     ? rounds_window_get_context (ROUNDS_WINDOW (parent))
                                                     : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  rounds_preferences_window_sign_in_as (prefs, login);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The user guide (help/C, installed as GNOME help) in the help browser.
 * Where none is installed, the window says so instead of nothing
 * happening. */
static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  g_warning ("Could not open the help: %s", error->message);
  if (ROUNDS_IS_WINDOW (parent))
    rounds_window_add_toast (ROUNDS_WINDOW (parent),
                             adw_toast_new (_("The help could not be opened. Is a help "
                                              "browser such as Yelp installed?")));
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (parent, "help:rounds", GDK_CURRENT_TIME, NULL, help_shown_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close windows properly so they save their size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

/* Reminder actions: the buttons of notifications (rounds-background.c),
 * which work with or without a window. */

/* A click on a notification can start Rounds (D-Bus activation): the
 * practice and its reminders are opened first. */
static RoundsBackground *
ensure_background (RoundsApplication *self)
{
  if (rounds_application_get_background (self) == NULL)
    rounds_application_start_reminders (self);
  return rounds_application_get_background (self);
}

static RoundsWindow *
present_practice (RoundsApplication *self)
{
  RoundsWindow *window = rounds_application_present_window (self);
  RoundsContext *context = rounds_window_get_context (window);

  if (context == NULL || rounds_context_is_sample (context))
    rounds_window_set_up_practice (window);
  return window;
}

static void
show_place_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RoundsWindow *window = present_practice (ROUNDS_APPLICATION (user_data));

  rounds_window_show_place (window, g_variant_get_string (param, NULL));
}

static void
open_post_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  RoundsWindow *window = present_practice (ROUNDS_APPLICATION (user_data));

  rounds_window_show_place (window, "posts");
  gtk_widget_activate_action (GTK_WIDGET (window), "post.open", "x", g_variant_get_int64 (param));
}

/* A notification about one comment: the Inbox, with that item open. */
static void
open_comment_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  RoundsWindow *window = present_practice (ROUNDS_APPLICATION (user_data));

  rounds_window_show_place (window, "inbox");
  rounds_window_open_comment (window, g_variant_get_int64 (param));
}

/* The Inbox's Refresh: ask every connected account now. */
static void
refresh_inbox_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  RoundsBackground *background = ensure_background (ROUNDS_APPLICATION (user_data));

  if (background == NULL || !rounds_background_refresh_inbox (background))
    g_debug ("No accounts to look for new comments in");
}

static void
copy_post_text_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  RoundsBackground *background = ensure_background (ROUNDS_APPLICATION (user_data));
  g_autoptr(RoundsPost) post = NULL;

  if (background == NULL)
    return;
  post = rounds_store_dup_post (rounds_context_get_store (rounds_background_get_context (background)),
                                g_variant_get_int64 (param));
  if (post != NULL)
    gdk_clipboard_set_text (gdk_display_get_clipboard (gdk_display_get_default ()),
                            rounds_post_get_body (post));
}

static void
mark_posted_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (user_data);
  RoundsBackground *background = ensure_background (self);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (background == NULL)
    return;

  if (!rounds_background_mark_posted (background, g_variant_get_int64 (param), &error))
    {
      g_warning ("Post %" G_GINT64_FORMAT " could not be marked as posted: %s",
                 g_variant_get_int64 (param), error->message);
      if (ROUNDS_IS_WINDOW (window))
        rounds_window_add_toast (ROUNDS_WINDOW (window), rounds_toast_new_plain (error->message));
      return;
    }

  if (ROUNDS_IS_WINDOW (window))
    rounds_window_add_toast (ROUNDS_WINDOW (window), adw_toast_new (_("Marked as posted")));
}

/* A notification's Reconnect: Preferences → Accounts, signing in again. */
static void
reconnect_account_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (user_data);
  RoundsWindow *window = present_practice (self);
  RoundsContext *context = rounds_window_get_context (window);
  RoundsPreferencesWindow *prefs;

  if (context == NULL)
    return;

  prefs = rounds_preferences_window_new (rounds_application_get_settings (self), context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  rounds_preferences_window_show_accounts (prefs, g_variant_get_int64 (param));
}

static void
snooze_reminder_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  RoundsBackground *background = ensure_background (ROUNDS_APPLICATION (user_data));
  g_autoptr(GError) error = NULL;

  if (background != NULL &&
      !rounds_background_snooze (background, g_variant_get_string (param, NULL), &error))
    g_warning ("The reminder could not be snoozed: %s", error->message);
}

void
_rounds_application_install_actions (RoundsApplication *self)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "people", people_action },
    { "sign-in-as", sign_in_as_action, "s" },
    { "help", help_action },
    { "quit", quit_action },
    { "show-place", show_place_action, "s" },
    { "open-post", open_post_action, "x" },
    { "open-comment", open_comment_action, "x" },
    { "refresh-inbox", refresh_inbox_action },
    { "copy-post-text", copy_post_text_action, "x" },
    { "mark-posted", mark_posted_action, "x" },
    { "snooze-reminder", snooze_reminder_action, "s" },
    { "reconnect-account", reconnect_account_action, "x" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}
