/* test-start.c — the built `rounds` with the cairo renderer starts
 * without OpenGL (issue 17, "start fast and stay small")
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under its own session bus (dbus-run-session in meson.build), so
 * that the Rounds it starts is the only one there. GTK opens OpenGL
 * when it opens the display whatever the renderer; with Mesa's software
 * driver that is LLVM and ~58 MB of a 110 MB start. The test starts the
 * built program on the test's X display, waits for its first frame
 * (G_MESSAGES_DEBUG=rounds-startup) and reads which libraries the
 * process has mapped then.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "rounds-gl-env.h"

/* ---- which variable, when ---- */

static void
test_choice (void)
{
  const char *variable, *value;

  /* GTK 4.8 (Debian 12): GDK_DEBUG. */
  g_assert_true (_rounds_gl_env_choose ("cairo", NULL, NULL, 4, 8, &variable, &value));
  g_assert_cmpstr (variable, ==, "GDK_DEBUG");
  g_assert_cmpstr (value, ==, "gl-disable");
  g_assert_true (_rounds_gl_env_choose ("Cairo", NULL, NULL, 4, 14, &variable, &value));
  g_assert_cmpstr (variable, ==, "GDK_DEBUG");

  /* 4.16 and later: GDK_DISABLE (GDK_DEBUG no longer knows gl-disable). */
  g_assert_true (_rounds_gl_env_choose ("cairo", NULL, NULL, 4, 16, &variable, &value));
  g_assert_cmpstr (variable, ==, "GDK_DISABLE");
  g_assert_cmpstr (value, ==, "gl");
  g_assert_true (_rounds_gl_env_choose ("cairo", NULL, NULL, 4, 20, &variable, &value));
  g_assert_cmpstr (variable, ==, "GDK_DISABLE");

  /* Another renderer, or GTK's own choice: GL is left as it is. */
  g_assert_false (_rounds_gl_env_choose (NULL, NULL, NULL, 4, 8, &variable, &value));
  g_assert_null (variable);
  g_assert_false (_rounds_gl_env_choose ("gl", NULL, NULL, 4, 8, &variable, &value));
  g_assert_false (_rounds_gl_env_choose ("ngl", NULL, NULL, 4, 16, &variable, &value));
  g_assert_false (_rounds_gl_env_choose ("cairo-ish", NULL, NULL, 4, 8, &variable, &value));

  /* The user's own GDK_DEBUG or GDK_DISABLE, even empty, is theirs. */
  g_assert_false (_rounds_gl_env_choose ("cairo", "misc", NULL, 4, 8, &variable, &value));
  g_assert_false (_rounds_gl_env_choose ("cairo", "", NULL, 4, 8, &variable, &value));
  g_assert_false (_rounds_gl_env_choose ("cairo", NULL, "vulkan", 4, 16, &variable, &value));
  g_assert_false (_rounds_gl_env_choose ("cairo", NULL, "", 4, 8, &variable, &value));
}

/* ---- malloc's mmap threshold ---- */

static void
test_malloc_choice (void)
{
  /* Nothing said: the threshold is fixed. */
  g_assert_true (_rounds_malloc_env_choose (NULL, NULL));
  g_assert_true (_rounds_malloc_env_choose (NULL, "glibc.malloc.arena_max=2"));
  g_assert_cmpint (ROUNDS_MALLOC_MMAP_THRESHOLD, ==, 64 * 1024);

  /* The user's own threshold, in either form, even empty, is theirs. */
  g_assert_false (_rounds_malloc_env_choose ("1048576", NULL));
  g_assert_false (_rounds_malloc_env_choose ("", NULL));
  g_assert_false (_rounds_malloc_env_choose (NULL, "glibc.malloc.mmap_threshold=262144"));
  g_assert_false (_rounds_malloc_env_choose (NULL, "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=0"));
}

/* ---- the built program ---- */

typedef struct
{
  GStrv  gl_libraries;   /* OpenGL libraries mapped at the first frame */
  char  *messages;       /* what it wrote until then */
} Start;

static void
start_clear (Start *start)
{
  g_clear_pointer (&start->gl_libraries, g_strfreev);
  g_clear_pointer (&start->messages, g_free);
}

static gboolean
is_gl_library (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_str_has_prefix (base, "libLLVM") || strstr (base, "_dri.so") != NULL ||
         g_str_has_prefix (base, "libGLX_mesa") || g_str_has_prefix (base, "libEGL_mesa") ||
         g_str_has_prefix (base, "libGLX.so") || g_str_has_prefix (base, "libEGL.so");
}

/* Starts the built rounds with an empty data folder and @renderer,
 * @gdk_disable (NULL: unset); returns at its first frame. */
static void
start_rounds (const char *renderer,
              const char *gdk_disable,
              Start      *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GPtrArray) gl = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *exe = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "src", "rounds", NULL);
  g_autofree char *root = g_dir_make_tmp ("rounds-start-XXXXXX", &error);
  g_autofree char *maps_path = NULL;
  g_autofree char *maps = NULL;
  g_auto(GStrv) maps_lines = NULL;
  gboolean painted = FALSE;
  char *line;

  g_assert_no_error (error);
  /* GLib writes debug messages on stdout, warnings on stderr: both. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "ROUNDS_DATA_DIR", root, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "rounds-startup", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "GDK_DEBUG");
  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  if (gdk_disable != NULL)
    g_subprocess_launcher_setenv (launcher, "GDK_DISABLE", gdk_disable, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GDK_DISABLE");
  process = g_subprocess_launcher_spawn (launcher, &error, exe, NULL);
  g_assert_no_error (error);

  /* Its own log says when the first frame is on screen. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (!painted &&
         (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (messages, "%s\n", line);
      painted = strstr (line, "rounds-startup") != NULL && g_str_has_suffix (line, ": first frame");
      g_free (line);
    }
  g_assert_no_error (error);
  if (!painted)
    g_error ("rounds ended before its first frame:\n%s", messages->str);

  maps_path = g_strdup_printf ("/proc/%s/maps", g_subprocess_get_identifier (process));
  g_assert_true (g_file_get_contents (maps_path, &maps, NULL, &error));
  g_assert_no_error (error);
  maps_lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; maps_lines[i] != NULL; i++)
    {
      const char *path = strchr (maps_lines[i], '/');

      if (path != NULL && is_gl_library (path) &&
          !g_ptr_array_find_with_equal_func (gl, path, g_str_equal, NULL))
        g_ptr_array_add (gl, g_strdup (path));
    }
  g_ptr_array_add (gl, NULL);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (root);
    g_autoptr(GFileEnumerator) children =
      g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }

  start->gl_libraries = (GStrv) g_ptr_array_free (g_steal_pointer (&gl), FALSE);
  start->messages = g_string_free (g_steal_pointer (&messages), FALSE);
}

static void
test_cairo_without_gl (void)
{
  Start with_gl = { 0 }, cairo = { 0 };

  if (g_getenv ("ROUNDS_BUILD_ROOT") == NULL)
    {
      g_test_skip ("ROUNDS_BUILD_ROOT is not set: run through meson test");
      return;
    }

  /* The cairo renderer, nothing else said: no OpenGL library at all,
   * and GDK did not complain about the variable it was given. */
  start_rounds ("cairo", NULL, &cairo);
  if (cairo.gl_libraries[0] != NULL)
    g_error ("OpenGL libraries mapped with the cairo renderer: %s",
             cairo.gl_libraries[0]);
  g_assert_null (strstr (cairo.messages, "Unrecognized value"));
  g_assert_nonnull (strstr (cairo.messages, "OpenGL off for the cairo renderer"));

  /* The same start where the user set GDK_DISABLE themselves (here to
   * nothing): Rounds leaves GDK alone, and GTK maps OpenGL as before.
   * Without an OpenGL library on this machine there is nothing to tell
   * apart. */
  start_rounds ("cairo", "", &with_gl);
  g_assert_null (strstr (with_gl.messages, "OpenGL off"));
  if (with_gl.gl_libraries[0] == NULL)
    g_test_skip ("GTK maps no OpenGL library here even when allowed to");

  start_clear (&cairo);
  start_clear (&with_gl);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/start/gl-choice", test_choice);
  g_test_add_func ("/ui/start/malloc-choice", test_malloc_choice);
  g_test_add_func ("/ui/start/cairo-without-gl", test_cairo_without_gl);
  return g_test_run ();
}
