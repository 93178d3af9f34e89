/* rounds-application.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <time.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rounds-a11y.h"
#include "rounds-application-private.h"
#include "rounds-background.h"
#include "rounds-gl-env.h"
#include "rounds-sample.h"
#include "rounds-secrets.h"
#include "rounds-store-people.h"
#include "rounds-window.h"
#include "rounds-window-private.h"

/* The application: one instance per user (a second start presents the
 * running instance's window), the practice's context shared by the
 * window and the reminders, and the background mode: `rounds
 * --background` starts hidden, and while "Keep reminding me when Rounds
 * is closed" is on (and a post was ever scheduled) the application holds
 * itself so that closing the window leaves it running, and keeps an
 * autostart entry so that it starts hidden at login. */

struct _RoundsApplication
{
  AdwApplication    parent_instance;
  GSettings        *settings;
  RoundsClock      *clock;
  RoundsContext    *practice;      /* the real practice, shared */
  RoundsBackground *background;
  RoundsFeedService *feed;         /* the real practice's website feed */
  RoundsNotifier   *notifier;
  gboolean          start_hidden;
  gboolean          asked_hidden;
  gboolean          held;
  gboolean          reminding;
  int               autostart;     /* -1 unknown, else what was last applied */
  GPtrArray        *opening;       /* GTasks waiting for the practice to open */
  RoundsStore      *backup_pending; /* opened, its day's backup not started yet */
};

G_DEFINE_FINAL_TYPE (RoundsApplication, rounds_application, ADW_TYPE_APPLICATION)

static gint64 startup_base;

/**
 * _rounds_startup_mark:
 * @what: a milestone of the start ("window shown", "first frame")
 *
 * Logs the milliseconds since the application object was made, and the
 * CPU time the process has used since exec (all threads: what a loaded
 * machine does not inflate), with G_MESSAGES_DEBUG=rounds-startup
 * (bench/README.md uses them). Never anything of the practice's.
 */
void
_rounds_startup_mark (const char *what)
{
  struct timespec cpu = { 0, 0 };

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_log ("rounds-startup", G_LOG_LEVEL_DEBUG, "%.1f ms (CPU %.1f ms): %s",
         (g_get_monotonic_time () - startup_base) / 1000.0,
         cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6, what);
}

#ifdef __GLIBC__
static guint trim_source;

static gboolean
on_trim_memory_cb (gpointer user_data)
{
  trim_source = 0;
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}
#endif

/**
 * _rounds_trim_memory_soon:
 *
 * Gives the heap that loading a practice or building a place used and
 * freed back to the system, once the app has been quiet for a moment.
 * glibc keeps freed memory in its arenas (the main one and one per
 * worker thread that allocated: the open, the backup, the scanner) and
 * returns only the top of each; after an open about 10 MB of the main
 * heap was free but resident (malloc_info; bench/README.md, "Where the
 * memory goes"). Each call restarts the wait, so a burst of place
 * changes trims once.
 */
void
_rounds_trim_memory_soon (void)
{
#ifdef __GLIBC__
  g_clear_handle_id (&trim_source, g_source_remove);
  trim_source = g_timeout_add_full (G_PRIORITY_LOW, 250, on_trim_memory_cb, NULL, NULL);
#endif
}

static void
update_background (RoundsApplication *self)
{
  gboolean keep = g_settings_get_boolean (self->settings, "keep-reminding");
  gboolean wants = self->background != NULL && rounds_background_wants_to_stay (self->background);
  gboolean hold = keep && (wants || self->asked_hidden);

  if (hold && !self->held)
    {
      g_debug ("Staying in the background");
      g_application_hold (G_APPLICATION (self));
      self->held = TRUE;
    }
  else if (!hold && self->held)
    {
      g_debug ("No longer staying in the background");
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }

  /* The autostart entry follows the preference, once it matters. */
  if (self->background != NULL && (int)wants != self->autostart &&
      (wants || !keep))
    {
      g_autoptr(GError) error = NULL;

      if (rounds_background_set_autostart (wants, &error))
        self->autostart = wants;
      else
        g_warning ("%s", error->message);
    }
}

/* The first time the window closes while Rounds stays, say so once: a
 * program that keeps running unseen should not be a surprise. */
static void
on_window_removed_cb (RoundsApplication *self)
{
  g_autoptr(RoundsReminder) notice = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->held || gtk_application_get_windows (GTK_APPLICATION (self)) != NULL ||
      g_settings_get_boolean (self->settings, "background-notice-shown"))
    return;

  notice = rounds_reminder_new ("background-notice", ROUNDS_REMINDER_SUMMARY,
                                _("Rounds is still running"),
                                _("It will remind you of posts to publish while its window is "
                                  "closed. You can change this in Preferences."));
  rounds_reminder_add_action (notice, "preferences", _("Preferences"), "preferences", NULL);
  if (rounds_notifier_show (rounds_application_get_notifier (self), notice, &error))
    g_settings_set_boolean (self->settings, "background-notice-shown", TRUE);
  else
    g_debug ("The background notice could not be shown: %s", error->message);
}

static void
on_keep_reminding_changed_cb (RoundsApplication *self)
{
  update_background (self);
}

static void
notify_paused (RoundsApplication *self)
{
  g_autoptr(RoundsReminder) problem = NULL;
  g_autoptr(GError) error = NULL;

  problem = rounds_reminder_new ("reminders-paused", ROUNDS_REMINDER_SUMMARY,
                                 _("Reminders are paused"),
                                 _("Rounds could not open the practice’s data. Open Rounds to "
                                   "see what is wrong; nothing was changed."));
  rounds_reminder_set_default_action (problem, "show-place", g_variant_new_string ("posts"));
  rounds_reminder_add_action (problem, "open", _("Open Rounds"), "show-place",
                              g_variant_new_string ("posts"));
  if (!rounds_notifier_show (rounds_application_get_notifier (self), problem, &error))
    g_warning ("Reminders are paused: the practice could not be opened");
}

/**
 * rounds_application_start_reminders:
 *
 * Starts reminding for the practice of this computer, if there is one
 * (the sample practice is never reminded of). Called when the app is
 * activated or started with `--background`, and when a practice is set
 * up; tests call it directly.
 */
void
rounds_application_start_reminders (RoundsApplication *self)
{
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ROUNDS_IS_APPLICATION (self));

  self->reminding = TRUE;

  /* While a window opens the practice on a worker, the reminders start
   * when it is open (see adopt_store()), not with a second open here. */
  if (self->background == NULL && self->opening == NULL &&
      rounds_application_has_practice (self))
    {
      context = rounds_application_open_practice (self, &error);
      if (context == NULL)
        {
          /* A window says what is wrong with the file. With no window,
           * the user must not believe reminders are coming. */
          g_debug ("No reminders: %s", error->message);
          if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
            notify_paused (self);
        }
    }

  if (self->background != NULL)
    rounds_background_start (self->background);

  update_background (self);
}

static void
rounds_application_activate (GApplication *app)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);
  GtkWindow *window;

  if (self->start_hidden)
    {
      /* `rounds --background`: no window. */
      self->start_hidden = FALSE;
      self->asked_hidden = TRUE;
      rounds_application_start_reminders (self);
      if (!g_settings_get_boolean (self->settings, "keep-reminding"))
        g_message ("Reminding in the background is off in Preferences; not staying");
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      _rounds_startup_mark ("activate");
      window = GTK_WINDOW (rounds_window_new (self));
      _rounds_startup_mark ("window built");
    }

  gtk_window_present (window);
  _rounds_startup_mark ("window presented");
  rounds_application_start_reminders (self);
}

static int
rounds_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "background"))
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Already running: it reminds already, and no window was asked for. */
  if (g_application_get_is_remote (app))
    return 0;

  self->start_hidden = TRUE;
  return -1;
}

static void
rounds_application_startup (GApplication *app)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);

  _rounds_startup_mark ("startup");
  G_APPLICATION_CLASS (rounds_application_parent_class)->startup (app);
  rounds_gl_env_restore ();
  _rounds_startup_mark ("GTK and libadwaita initialised");

  gtk_window_set_default_icon_name (BASE_ID);
  rounds_a11y_name_buttons_once ();
  _rounds_application_install_actions (self);

  g_signal_connect_object (self->settings, "changed::keep-reminding",
                           G_CALLBACK (on_keep_reminding_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "window-removed", G_CALLBACK (on_window_removed_cb), NULL);
}

static void
rounds_application_shutdown (GApplication *app)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);

  g_clear_object (&self->background);

  G_APPLICATION_CLASS (rounds_application_parent_class)->shutdown (app);
}

static void
rounds_application_dispose (GObject *object)
{
  RoundsApplication *self = (RoundsApplication *)object;

  g_clear_object (&self->background);
  g_clear_object (&self->feed);
  g_clear_object (&self->notifier);
  g_clear_object (&self->practice);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->opening, g_ptr_array_unref);
  g_clear_object (&self->backup_pending);

  G_OBJECT_CLASS (rounds_application_parent_class)->dispose (object);
}

static void
rounds_application_class_init (RoundsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rounds_application_dispose;
  app_class->activate = rounds_application_activate;
  app_class->startup = rounds_application_startup;
  app_class->shutdown = rounds_application_shutdown;
  app_class->handle_local_options = rounds_application_handle_local_options;
}

static void
rounds_application_init (RoundsApplication *self)
{
  self->settings = g_settings_new (BASE_ID);
  self->clock = rounds_clock_new_real ();
  self->autostart = -1;
}

RoundsApplication *
rounds_application_new (const char *application_id)
{
  RoundsApplication *self;

  if (startup_base == 0)
    startup_base = g_get_monotonic_time ();

  self = g_object_new (ROUNDS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
  g_application_add_main_option (G_APPLICATION (self), "background", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Start without a window and keep reminding of due posts"),
                                 NULL);
  return self;
}

GSettings *
rounds_application_get_settings (RoundsApplication *self)
{
  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);
  return self->settings;
}

RoundsClock *
rounds_application_get_clock (RoundsApplication *self)
{
  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);
  return self->clock;
}

/**
 * rounds_application_set_clock:
 *
 * Replaces the clock (tests use a fake one). Affects practices opened
 * afterwards.
 */
void
rounds_application_set_clock (RoundsApplication *self,
                              RoundsClock       *clock)
{
  g_return_if_fail (ROUNDS_IS_APPLICATION (self));
  g_return_if_fail (ROUNDS_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

/**
 * rounds_application_apply_actor:
 *
 * Names the person written into the audit log: the name from Preferences,
 * else the operating-system user.
 */
void
rounds_application_apply_actor (RoundsApplication *self,
                                RoundsContext     *context)
{
  g_autofree char *name = NULL;

  g_return_if_fail (ROUNDS_IS_APPLICATION (self));
  g_return_if_fail (ROUNDS_IS_CONTEXT (context));

  name = g_settings_get_string (self->settings, "user-name");

  g_strstrip (name);
  rounds_store_set_actor (rounds_context_get_store (context), name);
  /* A practice with people names the person chosen in the header
   * (remembered in the practice), not the name from Preferences. */
  {
    RoundsStore *store = rounds_context_get_store (context);
    RoundsPerson *desk = rounds_store_get_desk_person (store);

    if (desk != NULL)
      rounds_store_set_actor (store, rounds_person_get_name (desk));
  }
}

/**
 * rounds_application_has_practice:
 *
 * Returns: whether a real practice was set up on this computer.
 */
gboolean
rounds_application_has_practice (RoundsApplication *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), FALSE);

  path = rounds_store_dup_default_path ();

  return g_settings_get_boolean (self->settings, "use-server") ||
         g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * rounds_application_dup_server_config:
 *
 * Returns: (transfer full) (nullable): the practice server this PC opens
 *   the practice on, or %NULL when it uses its own file.
 */
RoundsServerConfig *
rounds_application_dup_server_config (RoundsApplication *self)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca_file = NULL;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  if (!g_settings_get_boolean (self->settings, "use-server"))
    return NULL;
  host = g_settings_get_string (self->settings, "server-host");
  database = g_settings_get_string (self->settings, "server-database");
  user = g_settings_get_string (self->settings, "server-user");
  ca_file = g_settings_get_string (self->settings, "server-ca-file");
  return rounds_server_config_new (host, g_settings_get_int (self->settings, "server-port"),
                                   database, user, ca_file);
}

/* Opens the practice where this PC keeps it: the server (its password
 * from the Secret Service, looked up here: a worker may call this) or
 * the file. */
static RoundsStore *
open_practice_store (RoundsServerConfig    *server,
                     RoundsClock           *clock,
                     RoundsStoreOpenFlags   flags,
                     GError               **error)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autoptr(RoundsSecrets) secrets = NULL;
  g_autofree char *password = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) secret_error = NULL;
  RoundsStore *store;

  if (server == NULL)
    return rounds_store_open (path, clock, flags, error);

  secrets = rounds_secrets_new ();
  /* This login's own password; a version before personal keys kept one
   * for the PC */
  {
    g_autofree char *id = rounds_server_secret_id_for (server->user);

    password = rounds_secrets_lookup_sync (secrets, id, NULL, &secret_error);
  }
  if (password == NULL && secret_error == NULL)
    password = rounds_secrets_lookup_sync (secrets, ROUNDS_SERVER_SECRET_ID, NULL, &secret_error);
  if (secret_error != NULL)
    g_debug ("No password for the practice server: %s", secret_error->message);
  conninfo = rounds_server_config_to_conninfo (server, password);
  store = rounds_store_open_server (conninfo, path, clock, flags, error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  memset (conninfo, 0, strlen (conninfo));
  return store;
}

/**
 * rounds_application_open_practice:
 *
 * Opens (creating when needed) the practice's own database. The context
 * is shared: the window and the reminders work on the same store, so a
 * post marked as posted from a notification shows at once in Posts.
 * Opening the practice also starts its reminders once the application
 * was activated.
 *
 * Returns: (transfer full): a context, or %NULL with a #RoundsStoreError.
 */
/* The context around a store just opened for the practice, with its
 * reminders (started if the application reminds already). */
static RoundsContext *
adopt_store (RoundsApplication *self,
             RoundsStore       *store)
{
  g_clear_object (&self->background);
  g_clear_object (&self->feed);
  g_clear_object (&self->practice);

  self->practice = rounds_context_new (store, FALSE);
  rounds_application_apply_actor (self, self->practice);
  /* The website's feed follows the real practice's publications. */
  self->feed = rounds_feed_service_new (self->practice, self->settings);

  if (self->notifier == NULL)
    self->notifier = rounds_notifier_new_for_application (G_APPLICATION (self));
  self->background = rounds_background_new (G_APPLICATION (self), self->settings, self->practice,
                                            self->notifier);
  g_signal_connect_object (self->background, "ticked", G_CALLBACK (update_background), self,
                           G_CONNECT_SWAPPED);
  if (self->reminding)
    {
      rounds_background_start (self->background);
      update_background (self);
    }

  return g_object_ref (self->practice);
}

/* The practice already open, if it is the one at @path. */
static RoundsContext *
dup_open_practice (RoundsApplication *self,
                   const char        *path)
{
  if (self->practice != NULL &&
      g_strcmp0 (rounds_store_get_path (rounds_context_get_store (self->practice)), path) == 0 &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_object_ref (self->practice);
  return NULL;
}

/**
 * rounds_application_open_practice:
 *
 * Opens (creating when needed) the practice's own database. The context
 * is shared: the window and the reminders work on the same store, so a
 * post marked as posted from a notification shows at once in Posts.
 * Opening the practice also starts its reminders once the application
 * was activated. rounds_application_open_practice_async() does the same
 * without blocking the main loop.
 *
 * Returns: (transfer full): a context, or %NULL with a #RoundsStoreError.
 */
RoundsContext *
rounds_application_open_practice (RoundsApplication  *self,
                                  GError            **error)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsServerConfig) server = NULL;
  RoundsContext *open;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  /* An open under way on a worker is waited for, not repeated: two
   * stores on one practice would each keep their own list of posts. */
  while (self->opening != NULL)
    g_main_context_iteration (NULL, TRUE);

  if ((open = dup_open_practice (self, path)) != NULL)
    return open;

  server = rounds_application_dup_server_config (self);
  store = open_practice_store (server, self->clock, ROUNDS_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;

  return adopt_store (self, store);
}

/* Closed only by tests: the worker holds the practice it opened until
 * the gate opens, so that a test sees the window while the practice is
 * still opening, without racing the worker. */
static struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean closed;
} open_gate;

/**
 * _rounds_application_hold_open:
 * @hold: %TRUE to keep practices opened on the worker from being handed
 *   over, %FALSE to let them (and any held one) go
 *
 * For tests only.
 */
void
_rounds_application_hold_open (gboolean hold)
{
  g_mutex_lock (&open_gate.mutex);
  open_gate.closed = hold;
  g_cond_broadcast (&open_gate.cond);
  g_mutex_unlock (&open_gate.mutex);
}

/**
 * rounds_application_switch_practice:
 *
 * Lets go of the practice open now and opens it again where the
 * settings say (the practice server or this PC's file), handing it to
 * every window that showed the old one.
 *
 * Returns: (transfer full): the new context, or %NULL with an error (the
 *   windows keep the old one then).
 */
RoundsContext *
rounds_application_switch_practice (RoundsApplication  *self,
                                    GError            **error)
{
  g_autoptr(RoundsContext) old = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(RoundsServerConfig) server = NULL;
  g_autoptr(RoundsStore) store = NULL;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  while (self->opening != NULL)
    g_main_context_iteration (NULL, TRUE);

  server = rounds_application_dup_server_config (self);
  store = open_practice_store (server, self->clock, ROUNDS_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;

  old = self->practice != NULL ? g_object_ref (self->practice) : NULL;
  context = adopt_store (self, store);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ROUNDS_IS_WINDOW (l->data) && (old == NULL || rounds_window_get_context (l->data) == old))
      rounds_window_set_context (l->data, context);
  return g_steal_pointer (&context);
}

typedef struct
{
  RoundsClock        *clock;
  RoundsServerConfig *server;   /* NULL: the file */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->clock);
  rounds_server_config_free (data->server);
  g_free (data);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  RoundsStore *store;

  /* The store is nobody's until it is handed over: opening, checking,
   * migrating, the day's backup and reading it all happen here, and the
   * main thread only gets it once the task returns. */
  /* The scanner is not loaded here: the first screen reads its answers
   * kept in the store (rounds-calendar-marks.c), and what needs it loads
   * it then, on a worker (rounds_scanner_get_default_async()). */
  store = open_practice_store (data->server, data->clock, ROUNDS_STORE_OPEN_BACKUP_LATER, &error);

  /* A test may keep the opened store here (see _rounds_application_hold_open()). */
  g_mutex_lock (&open_gate.mutex);
  while (open_gate.closed)
    g_cond_wait (&open_gate.cond, &open_gate.mutex);
  g_mutex_unlock (&open_gate.mutex);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* The day's backup, taken after the start (see on_store_opened_cb()):
 * a failure is told in the windows that show the practice. */
static void
on_daily_backup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RoundsApplication) self = user_data;
  RoundsStore *store = ROUNDS_STORE (source);
  g_autoptr(GError) error = NULL;

  _rounds_startup_mark ("daily backup done");
  _rounds_trim_memory_soon ();
  if (rounds_store_daily_backup_finish (store, result, &error))
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      RoundsContext *context;

      if (!ROUNDS_IS_WINDOW (l->data))
        continue;
      context = rounds_window_get_context (l->data);
      if (context != NULL && rounds_context_get_store (context) == store)
        _rounds_window_report_backup (l->data, store);
    }
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RoundsApplication *self = ROUNDS_APPLICATION (source);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->opening);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store != NULL)
    {
      _rounds_startup_mark ("practice opened");
      context = adopt_store (self, store);
    }
  else if (self->reminding && self->background == NULL &&
           gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    notify_paused (self);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (context != NULL)
        g_task_return_pointer (task, g_object_ref (context), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  /* The day's backup once the practice shows (a window waiting for it
   * says so with _rounds_application_practice_shown(), so that the backup
   * does not compete with its first frames), on a worker and a connection
   * of its own. */
  if (store != NULL)
    {
      guint windows_waiting = 0;

      for (guint i = 0; i < waiting->len; i++)
        if (!g_cancellable_is_cancelled (g_task_get_cancellable (g_ptr_array_index (waiting, i))))
          windows_waiting++;
      g_set_object (&self->backup_pending, store);
      if (windows_waiting == 0)
        _rounds_application_practice_shown (self);
    }
}

/**
 * _rounds_application_practice_shown:
 *
 * Called by a window once it shows the practice it opened: starts the
 * day's backup of a practice just opened, in the background.
 */
void
_rounds_application_practice_shown (RoundsApplication *self)
{
  g_autoptr(RoundsStore) store = g_steal_pointer (&self->backup_pending);

  if (store != NULL)
    rounds_store_daily_backup_async (store, NULL, on_daily_backup_cb, g_object_ref (self));
}

/**
 * rounds_application_open_practice_async:
 *
 * Like rounds_application_open_practice(), but the file is opened,
 * checked, migrated, backed up and read on a worker thread, so that the
 * window can show while that happens. Calls made while an open is under
 * way wait for the same one.
 */
void
rounds_application_open_practice_async (RoundsApplication   *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(RoundsContext) open = NULL;

  g_return_if_fail (ROUNDS_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_application_open_practice_async);

  if ((open = dup_open_practice (self, path)) != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&open), g_object_unref);
      return;
    }

  if (self->opening == NULL)
    {
      g_autoptr(GTask) worker = g_task_new (self, NULL, on_store_opened_cb, NULL);
      OpenData *data = g_new0 (OpenData, 1);

      data->clock = g_object_ref (self->clock);
      data->server = rounds_application_dup_server_config (self);
      self->opening = g_ptr_array_new_with_free_func (g_object_unref);
      g_task_set_source_tag (worker, open_store_thread);
      g_task_set_task_data (worker, data, (GDestroyNotify)open_data_free);
      g_task_run_in_thread (worker, open_store_thread);
    }
  g_ptr_array_add (self->opening, g_steal_pointer (&task));
}

/**
 * rounds_application_open_practice_finish:
 *
 * Returns: (transfer full): a context, or %NULL with a #RoundsStoreError.
 */
RoundsContext *
rounds_application_open_practice_finish (RoundsApplication  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rounds_application_get_background:
 *
 * Returns: (transfer none) (nullable): the reminders of the practice,
 *   once it was opened.
 */
RoundsBackground *
rounds_application_get_background (RoundsApplication *self)
{
  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);
  return self->background;
}

/**
 * rounds_application_get_notifier:
 *
 * Returns: (transfer none): the notifier reminders are shown with.
 */
RoundsNotifier *
rounds_application_get_notifier (RoundsApplication *self)
{
  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  if (self->notifier == NULL)
    self->notifier = rounds_notifier_new_for_application (G_APPLICATION (self));
  return self->notifier;
}

/**
 * rounds_application_present_window:
 *
 * Returns: (transfer none): the main window, made and shown if needed.
 */
RoundsWindow *
rounds_application_present_window (RoundsApplication *self)
{
  GList *windows;
  RoundsWindow *window = NULL;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  for (windows = gtk_application_get_windows (GTK_APPLICATION (self)); windows != NULL;
       windows = windows->next)
    if (ROUNDS_IS_WINDOW (windows->data))
      {
        window = windows->data;
        break;
      }

  if (window == NULL)
    window = rounds_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static RoundsContext *
build_sample (RoundsApplication  *self,
              const char         *path,
              GError            **error)
{
  g_autoptr(RoundsStore) store = NULL;
  RoundsContext *context;
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }

  store = rounds_store_open (path, self->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, error);
  if (store == NULL)
    return NULL;

  if (!rounds_sample_populate (store, error))
    return NULL;

  context = rounds_context_new (store, TRUE);
  rounds_application_apply_actor (self, context);
  return context;
}

/**
 * rounds_application_open_sample:
 *
 * Opens the sample practice in its own file (`sample.db`) as the user
 * left it, so that what was typed in it survives a crash or a restart;
 * makes it, dated around today, when there is none (or it cannot be
 * read). rounds_application_reset_sample() starts it afresh.
 *
 * Returns: (transfer full): a context, or %NULL.
 */
RoundsContext *
rounds_application_open_sample (RoundsApplication  *self,
                                GError            **error)
{
  g_autofree char *path = rounds_store_dup_sample_path ();

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RoundsStore) store = rounds_store_open (path, self->clock,
                                                        ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                        &local_error);

      if (store != NULL && rounds_practice_is_set_up (rounds_store_get_practice (store)))
        {
          RoundsContext *context = rounds_context_new (store, TRUE);

          rounds_application_apply_actor (self, context);
          return context;
        }
      /* Half-made or unreadable: the sample holds nothing of the user's
       * that a new one would not, so it is made again. */
      g_debug ("Making the sample again: %s",
               local_error != NULL ? local_error->message : "not set up");
      if (store != NULL)
        rounds_store_close (store);
    }

  return build_sample (self, path, error);
}

/**
 * rounds_application_reset_sample:
 *
 * Throws the sample practice away with every change made in it and
 * makes it again, dated around today. The caller lets go of the old
 * sample's context first.
 *
 * Returns: (transfer full): a context, or %NULL.
 */
RoundsContext *
rounds_application_reset_sample (RoundsApplication  *self,
                                 GError            **error)
{
  g_autofree char *path = rounds_store_dup_sample_path ();

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  return build_sample (self, path, error);
}

/**
 * rounds_application_get_feed_service:
 *
 * Returns: (transfer none) (nullable): the feed of the real practice,
 *   once it was opened.
 */
RoundsFeedService *
rounds_application_get_feed_service (RoundsApplication *self)
{
  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);
  return self->feed;
}
