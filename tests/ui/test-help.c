/* test-help.c — F1 and Help in the menu open the user guide (help:rounds)
 * in the desktop's help browser.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"

/* The help browser: a desktop entry of our own for help: addresses,
 * made the default in this test's own XDG folders, that writes the
 * address it was given into a file. GIO launches it exactly as it
 * would launch Yelp. */
static char *xdg_home;
static char *received;

static void
install_help_browser (void)
{
  g_autofree char *apps = g_build_filename (xdg_home, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (xdg_home, "config", NULL);
  g_autofree char *entry_path = g_build_filename (apps, "rounds-test-help.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *entry = NULL;
  GError *error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  received = g_build_filename (xdg_home, "received", NULL);
  entry = g_strdup_printf ("[Desktop Entry]\n"
                           "Type=Application\n"
                           "Name=Test Help Browser\n"
                           "Exec=sh -c 'printf %%s \"$1\" > %s.part && mv %s.part %s' sh %%u\n"
                           "MimeType=x-scheme-handler/help;\n"
                           "NoDisplay=true\n",
                           received, received, received);
  g_file_set_contents (entry_path, entry, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps,
                       "[Default Applications]\n"
                       "x-scheme-handler/help=rounds-test-help.desktop\n",
                       -1, &error);
  g_assert_no_error (error);
}

static void
test_f1_opens_help (UiFixture     *fixture,
                    gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                 "app.help");
  g_autofree char *uri = NULL;

  g_assert_true (g_strv_contains ((const char * const *)accels, "F1"));

  g_unlink (received);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.help", NULL));
  wait_until (g_file_test (received, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (received, &uri, NULL, NULL));
  g_assert_cmpstr (uri, ==, "help:rounds");
}

int
main (int   argc,
      char *argv[])
{
  xdg_home = g_dir_make_tmp ("rounds-help-XXXXXX", NULL);
  {
    g_autofree char *data_home = g_build_filename (xdg_home, "data", NULL);
    g_autofree char *config_home = g_build_filename (xdg_home, "config", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  }
  install_help_browser ();

  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/help/f1-opens-help", UiFixture, NULL, ui_fixture_set_up, test_f1_opens_help,
              ui_fixture_tear_down);

  return g_test_run ();
}
