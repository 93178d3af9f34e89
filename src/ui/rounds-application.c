/* rounds-application.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rounds-application-private.h"
#include "rounds-sample.h"
#include "rounds-window.h"

struct _RoundsApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  RoundsClock    *clock;
};

G_DEFINE_FINAL_TYPE (RoundsApplication, rounds_application, ADW_TYPE_APPLICATION)

static void
rounds_application_activate (GApplication *app)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (rounds_window_new (self));

  gtk_window_present (window);
}

static void
rounds_application_startup (GApplication *app)
{
  RoundsApplication *self = ROUNDS_APPLICATION (app);

  G_APPLICATION_CLASS (rounds_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (BASE_ID);
  _rounds_application_install_actions (self);
}

static void
rounds_application_dispose (GObject *object)
{
  RoundsApplication *self = (RoundsApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

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
}

static void
rounds_application_init (RoundsApplication *self)
{
  self->settings = g_settings_new (BASE_ID);
  self->clock = rounds_clock_new_real ();
}

RoundsApplication *
rounds_application_new (const char *application_id)
{
  return g_object_new (ROUNDS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
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
  g_autofree char *name = g_settings_get_string (self->settings, "user-name");

  g_strstrip (name);
  rounds_store_set_actor (rounds_context_get_store (context), name);
}

/**
 * rounds_application_has_practice:
 *
 * Returns: whether a real practice was set up on this computer.
 */
gboolean
rounds_application_has_practice (RoundsApplication *self)
{
  g_autofree char *path = rounds_store_dup_default_path ();

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * rounds_application_open_practice:
 *
 * Opens (creating when needed) the practice's own database.
 *
 * Returns: (transfer full): a context, or %NULL with a #RoundsStoreError.
 */
RoundsContext *
rounds_application_open_practice (RoundsApplication  *self,
                                  GError            **error)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autoptr(RoundsStore) store = NULL;
  RoundsContext *context;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  store = rounds_store_open (path, self->clock, ROUNDS_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;

  context = rounds_context_new (store, FALSE);
  rounds_application_apply_actor (self, context);
  return context;
}

/**
 * rounds_application_open_sample:
 *
 * Makes a fresh sample practice, dated around today, in its own file
 * (`sample.db`), replacing the previous sample.
 *
 * Returns: (transfer full): a context, or %NULL.
 */
RoundsContext *
rounds_application_open_sample (RoundsApplication  *self,
                                GError            **error)
{
  g_autofree char *path = rounds_store_dup_sample_path ();
  g_autoptr(RoundsStore) store = NULL;
  RoundsContext *context;
  static const char *suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (self), NULL);

  /* The sample is throw-away by design: always rebuilt, never backed up. */
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
