/* bench-editor.c — keystroke-to-redraw latency of the post editor with
 * live compliance scanning on.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real post editor window, types N characters (default 2,000)
 * one at a time at the cursor (what the text view does with each key the
 * keyboard commits), and for each keystroke measures the time from the
 * insertion to the end of the next frame that paints it (GdkFrameClock
 * "after-paint"). Between keystrokes it waits for the next frame slot
 * (~17 ms, a fast typist's pace at 60 Hz) so that frame pacing is not
 * counted as work, and every 40 characters it pauses 150 ms, long enough
 * for the debounced scan to run in its thread and land its marks while
 * typing goes on. The text is a paragraph full of findings (names,
 * phones, promises), so the marks, the findings panel, the counters and
 * the preview are all redone as it grows.
 *
 * Needs a display:
 *   xvfb-run -a build/bench/bench-editor [N [--editor-only] [--one-paragraph]]
 * (--editor-only: the reusable RoundsPostEditor alone, without the
 * window's counters, preview and side panels).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rounds-application.h"
#include "rounds-post-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-bench-util.h"

/* One paragraph of a post, ending with a line break; with
 * --one-paragraph the break becomes a space and 2,000 characters make a
 * single paragraph, which GtkTextView lays out again whole on every
 * keystroke. */
static char paragraph[] =
  "Get well soon to our patient Maria Lopez \xf0\x9f\x98\x80, call her at 555-867-5309. "
  "Flu shots are 100% guaranteed painless! Book at example.com #FluSeason.\n";

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean painted;
static gint64   painted_cpu;
static gint64   painted_at;
static gint64   frame_started_at;
static gboolean scan_landed;

static void
on_findings_changed (RoundsPostEditor *editor,
                     gpointer          data)
{
  scan_landed = TRUE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_started_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
  painted_at = g_get_monotonic_time ();
  painted_cpu = thread_cpu_us ();
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

int
main (int   argc,
      char *argv[])
{
  gboolean editor_only = FALSE;
  guint n = argc > 1 ? (guint)atoi (argv[1]) : 2000;
  GtkWidget *window;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *latency = NULL;
  g_autofree double *work = NULL;
  guint work_over = 0, work_over_scan = 0, cpu_over = 0;
  g_autofree double *cpu = NULL;
  double cpu_sum = 0;
  double work_sum = 0;
  RoundsPostDialog *dialog = NULL;
  RoundsPostEditor *editor;
  GtkTextBuffer *buffer;
  GdkFrameClock *frame_clock;
  const char *p = paragraph;
  guint over = 0, findings = 0;
  double sum = 0;

  for (int a = 2; a < argc; a++)
    {
      if (g_str_equal (argv[a], "--editor-only"))
        editor_only = TRUE;
      else if (g_str_equal (argv[a], "--one-paragraph"))
        paragraph[sizeof paragraph - 2] = ' ';
    }

  g_setenv ("ROUNDS_DATA_DIR", dir, TRUE);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  clock = rounds_clock_new_real ();
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  if (store == NULL)
    {
      g_printerr ("bench-editor: %s\n", error->message);
      return 1;
    }
  context = rounds_context_new (store, FALSE);
  if (editor_only)
    {
      /* The reusable widget alone, as the inbox uses it for replies. */
      window = gtk_window_new ();
      editor = rounds_post_editor_new (context, ROUNDS_TEXT_KIND_POST);
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_window_set_default_size (GTK_WINDOW (window), 640, 700);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (editor));
      gtk_window_set_child (GTK_WINDOW (window), scroller);
    }
  else
    {
      dialog = rounds_post_dialog_new (context, NULL);
      editor = rounds_post_dialog_get_editor (dialog);
      window = GTK_WIDGET (dialog);
    }
  buffer = rounds_post_editor_get_buffer (editor);
  gtk_window_present (GTK_WINDOW (window));
  spin_for (500);

  frame_clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (editor, "findings-changed", G_CALLBACK (on_findings_changed), NULL);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (rounds_post_editor_get_text_view (editor)));

  latency = g_new0 (double, n);
  work = g_new0 (double, n);
  cpu = g_new0 (double, n);

  for (guint i = 0; i < n; i++)
    {
      const char *next = g_utf8_next_char (p);
      gint64 start, inserted, deadline, start_cpu;

      painted = FALSE;
      scan_landed = FALSE;
      start = g_get_monotonic_time ();
      start_cpu = thread_cpu_us ();
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, next - p, TRUE);
      inserted = g_get_monotonic_time ();

      deadline = start + 2 * G_USEC_PER_SEC;
      while (!painted && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);

      latency[i] = (painted_at - start) / 1000.0;
      sum += latency[i];
      over += latency[i] >= 16.0;

      /* The main thread's work for this keystroke: handling the key,
       * then laying out and painting the frame (not the wait for the
       * frame slot). */
      work[i] = ((inserted - start) + (painted_at - MAX (frame_started_at, inserted))) / 1000.0;
      work_sum += work[i];
      work_over += work[i] >= 16.0;
      work_over_scan += work[i] >= 16.0 && scan_landed;

      /* The same, as CPU time of the main thread: what other processes
       * on a busy machine cannot inflate. */
      cpu[i] = (painted_cpu - start_cpu) / 1000.0;
      cpu_sum += cpu[i];
      cpu_over += cpu[i] >= 16.0;

      p = *next ? next : paragraph;
      spin_for ((i + 1) % 40 == 0 ? 150 : 17);
    }

  /* Let the last scan land. */
  while (rounds_post_editor_is_scanning (editor))
    g_main_context_iteration (NULL, TRUE);
  findings = rounds_post_editor_get_findings (editor)->len;

  qsort (latency, n, sizeof (double), rounds_bench_compare_double);
  qsort (work, n, sizeof (double), rounds_bench_compare_double);
  qsort (cpu, n, sizeof (double), rounds_bench_compare_double);
  printf ("typed %u characters with live scanning (%u findings at the end)\n", n, findings);
  printf ("work per keystroke (key handling + layout + paint): mean %.2f ms, p50 %.2f ms, "
          "p95 %.2f ms, p99 %.2f ms, max %.2f ms; %u of %u at or over 16 ms\n",
          work_sum / n, work[n / 2], work[(guint)(n * 0.95)], work[(guint)(n * 0.99)], work[n - 1],
          work_over, n);
  printf ("of which in a frame where a scan result landed: %u\n", work_over_scan);
  printf ("main-thread CPU per keystroke: mean %.2f ms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
          "max %.2f ms; %u of %u at or over 16 ms\n",
          cpu_sum / n, cpu[n / 2], cpu[(guint)(n * 0.95)], cpu[(guint)(n * 0.99)], cpu[n - 1], cpu_over, n);
  printf ("keystroke to redraw on screen (includes waiting for the 60 Hz frame slot): mean %.2f ms, "
          "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %u of %u at or over 16 ms\n",
          sum / n, latency[n / 2], latency[(guint)(n * 0.95)], latency[(guint)(n * 0.99)], latency[n - 1],
          over, n);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return work_over == 0 ? 0 : 1;
}
