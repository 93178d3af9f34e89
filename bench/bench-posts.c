/* bench-posts.c — the Posts place with many posts
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: xvfb-run -a build/bench/bench-posts [N_POSTS]
 *
 * Fills a throw-away practice with N posts (100,000 by default) with the
 * shared generator, puts the Posts page in a window beside an empty
 * page, and measures on the main thread (CPU time, so that other
 * processes do not count):
 *   - giving the page the practice while it is hidden (what the start
 *     pays for Posts when another place is shown)
 *   - switching to Posts: the longest single main-loop step, and the
 *     total until the list is filtered and sorted
 *   - one post changed while Posts is shown and while it is hidden
 *   - sorting by title, then by scheduled time (the query runs on a
 *     worker: the main thread's CPU, and the wall time to the answer)
 *   - scrolling through the whole list (every row read in order, down
 *     then up: the pages the view asks for)
 *   - a real scroll at the frame clock: the list's vertical adjustment
 *     moved one step per frame (a few rows a frame, a page a frame, a
 *     fling to the end and back), and for every frame the main thread's
 *     CPU time from one frame's tick to the next (all it did for that
 *     frame: rows bound, measured, drawn, posts read): frames over
 *     16.7 ms, p50, p95 and max. GSK_RENDERER picks the renderer.
 *     BENCH_SCROLL_ONLY=all skips the other measures (for a profiler);
 *     =rows, =pages or =fling runs that scroll alone. BENCH_PERF_CTL:
 *     see perf_control(). BENCH_LINKS=1: see add_links().
 *     BENCH_SWITCH_ONLY=1 stops after the switches (a profiler's
 *     window, perf_control(), is then the first switch to Posts).
 */

#include "config.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-bench-data.h"
#include "rounds-posts-page.h"
#include "rounds-posts-row.h"
#include "rounds-store-post-list.h"
#include "rounds-bench-util.h"

/* BENCH_STEPS=1: every main-loop step over 4 ms of CPU on stderr */
static gboolean show_steps;

/* Frames drawn by the window; with BENCH_STEPS, the CPU of each phase
 * of a frame on stderr */
static guint frames_painted;
static double phase_c0;

static void
on_phase_cb (GdkFrameClock *clock,
             gpointer       name)
{
  double now = rounds_bench_thread_cpu_ms ();

  if (show_steps)
    g_printerr ("    phase %-12s +%.1f ms\n", (const char *)name, now - phase_c0);
  phase_c0 = now;
  if (g_str_equal (name, "after-paint"))
    frames_painted++;
}

static void
note_step (double ms)
{
  if (show_steps && ms > 4)
    g_printerr ("  step %.1f ms\n", ms);
}

/* Runs the main loop until nothing is pending; returns the longest
 * single iteration in CPU ms through @longest. */
static void
drain (double *longest)
{
  while (g_main_context_pending (NULL))
    {
      double c0 = rounds_bench_thread_cpu_ms ();

      g_main_context_iteration (NULL, FALSE);
      note_step (rounds_bench_thread_cpu_ms () - c0);
      if (longest != NULL)
        *longest = MAX (*longest, rounds_bench_thread_cpu_ms () - c0);
    }
}

/* Runs the main loop until the list shows the answer to its last query
 * (asked on a worker: the loop sleeps meanwhile), then until nothing is
 * pending; the longest single iteration through @longest. */
static void
settle (GListModel *list,
        double     *longest)
{
  while (rounds_post_list_get_busy (ROUNDS_POST_LIST (list)))
    {
      double c0 = rounds_bench_thread_cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      note_step (rounds_bench_thread_cpu_ms () - c0);
      if (longest != NULL)
        *longest = MAX (*longest, rounds_bench_thread_cpu_ms () - c0);
    }
  drain (longest);
}

/* BENCH_LINKS=1: every published post gets a publication with a web
 * link, as a practice that publishes has (the generator makes none):
 * the status cell then shows a link button per network. */
static void
add_links (RoundsStore *store)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open_v2 (rounds_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK ||
      sqlite3_exec (db, "INSERT INTO publications (post_id, network, state, idempotency_key,"
                        " url, published_at, created_at, updated_at)"
                        " SELECT id, 'mastodon', 'published', 'bench-' || id,"
                        " 'https://social.example/@practice/' || id, scheduled_at, created_at,"
                        " created_at FROM posts WHERE status = 'published'",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("links: %s", message != NULL ? message : sqlite3_errmsg (db));
  g_print ("links added to %d published posts\n", sqlite3_changes (db));
  sqlite3_close (db);
}

/* ---- a scroll at the frame clock ------------------------------------- */

typedef enum {
  SCROLL_ROWS,    /* about two rows (100 px) a frame, as a wheel or touchpad goes */
  SCROLL_PAGES,   /* a page a frame */
  SCROLL_FLING,   /* to the end in 30 frames, back to the top in 30 */
} ScrollKind;

typedef struct
{
  GtkAdjustment *vadj;
  ScrollKind     kind;
  guint          n_frames;
  guint          frame;
  double         last_cpu;
  gint64         last_wall;
  GArray        *cpu;       /* double ms, one per frame */
  GArray        *wall;      /* double ms from one tick to the next */
  GtkWidget     *view;
  guint          blank_frames;   /* frames drawn with a row in view still blank */
  guint          blank_max;      /* the most blank rows in view in one frame */
  gboolean       done;
} Scroll;

/* How many rows in view wait for their post: their page is being read
 * on the worker (what a user sees of it during a fling: the placeholder
 * shape of a row, glswitch12; before, empty space). */
static guint
count_blank_rows (GtkWidget *view)
{
  int height = gtk_widget_get_height (view);
  guint n = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;

      if (ROUNDS_IS_POSTS_ROW (row) && gtk_widget_get_mapped (row) &&
          rounds_posts_row_get_pending_id (ROUNDS_POSTS_ROW (row)) != 0 &&
          gtk_widget_compute_bounds (item, view, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height)
        n++;
    }
  return n;
}

/* What the frame just drawn showed */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   Scroll        *scroll)
{
  guint blank;

  if (scroll->done || scroll->frame == 0)
    return;
  blank = count_blank_rows (scroll->view);
  scroll->blank_frames += blank > 0;
  scroll->blank_max = MAX (scroll->blank_max, blank);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  double now = rounds_bench_thread_cpu_ms ();
  gint64 wall = g_get_monotonic_time ();
  double lower = gtk_adjustment_get_lower (scroll->vadj);
  double range = gtk_adjustment_get_upper (scroll->vadj) -
                 gtk_adjustment_get_page_size (scroll->vadj) - lower;
  double value = gtk_adjustment_get_value (scroll->vadj);

  /* What the main thread did since the last tick is the last frame's */
  if (scroll->frame > 0)
    {
      double ms = now - scroll->last_cpu;
      double wall_ms = (wall - scroll->last_wall) / 1000.0;

      g_array_append_val (scroll->cpu, ms);
      g_array_append_val (scroll->wall, wall_ms);
    }
  scroll->last_cpu = now;
  scroll->last_wall = wall;
  if (scroll->frame == scroll->n_frames)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  switch (scroll->kind)
    {
    case SCROLL_ROWS:
      value += 100;   /* about two rows */
      break;
    case SCROLL_PAGES:
      value += gtk_adjustment_get_page_size (scroll->vadj);
      break;
    case SCROLL_FLING:
      {
        /* Eased: fast in the middle, slow at both ends, as kinetic
         * scrolling goes; down in the first half, up in the second */
        guint half = scroll->n_frames / 2;
        guint f = scroll->frame % half + 1;
        double t = (double)f / half;
        double eased = t * t * (3 - 2 * t);

        value = lower + range * (scroll->frame < half ? eased : 1 - eased);
      }
      break;
    }
  gtk_adjustment_set_value (scroll->vadj, CLAMP (value, lower, lower + range));
  scroll->frame++;
  return G_SOURCE_CONTINUE;
}

/* With BENCH_PERF_CTL=FIFO (perf record -D -1 --control fifo:FIFO),
 * perf samples the scrolls only: @command is "enable" or "disable". */
static void
perf_control (const char *command)
{
  const char *fifo = g_getenv ("BENCH_PERF_CTL");
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  int fd;

  if (fifo == NULL || (fd = open (fifo, O_WRONLY)) < 0)
    return;
  if (write (fd, line, strlen (line)) < 0)
    g_printerr ("perf control: %s\n", g_strerror (errno));
  close (fd);
}

/* Whether BENCH_SCROLL_ONLY (@only) asks for the scroll called @name */
static gboolean
wants_scroll (const char *only,
              const char *name)
{
  return only == NULL || g_str_equal (only, "all") || g_str_equal (only, name);
}

/* One line for one clock's frames: how many over @limit ms, p50, p95
 * and max. Sorts @frames. */
static void
print_frames (const char *what,
              const char *clock,
              double      limit,
              GArray     *frames)
{
  double *ms = (double *)(void *)frames->data;
  guint n = frames->len, over = 0;

  for (guint i = 0; i < n; i++)
    over += ms[i] > limit;
  g_array_sort (frames, rounds_bench_compare_double);
  g_print ("scroll %-22s %-4s %3u frames, over %4.1f ms %3u, p50 %5.1f p95 %5.1f max %5.1f ms\n",
           what, clock, n, limit, over, ms[n / 2], ms[MIN (n - 1, (n * 95 + 99) / 100 - 1)],
           ms[n - 1]);
}

/* Scrolls the list @n_frames frames, one step a frame, from the top, and
 * prints per frame the main thread's CPU time and the wall time from
 * one tick to the next. */
static void
measure_scroll (GtkWidget  *page,
                ScrollKind  kind,
                guint       n_frames,
                const char *what)
{
  GtkWidget *view = rounds_posts_page_get_list_view (ROUNDS_POSTS_PAGE (page));
  Scroll scroll = { 0 };
  gint64 w0;
  double c0;

  scroll.vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  scroll.view = view;
  scroll.kind = kind;
  scroll.n_frames = n_frames;
  scroll.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.wall = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_adjustment_set_value (scroll.vadj, gtk_adjustment_get_lower (scroll.vadj));
  drain (NULL);

  w0 = g_get_monotonic_time ();
  c0 = rounds_bench_thread_cpu_ms ();
  perf_control ("enable");
  gtk_widget_add_tick_callback (view, scroll_tick_cb, &scroll, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (view), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &scroll);
  while (!scroll.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (view), on_after_paint_cb,
                                        &scroll);
  perf_control ("disable");

  if (show_steps)
    for (guint i = 0; i < scroll.cpu->len; i++)
      if (g_array_index (scroll.cpu, double, i) > 1000.0 / 60)
        g_printerr ("  frame %u: %.1f ms\n", i, g_array_index (scroll.cpu, double, i));
  /* The CPU a frame may take at 60 Hz; a tick more than 1.5 frames
   * after the last is a frame missed (the clock's own pace jitters
   * around 16.7 ms) */
  print_frames (what, "CPU", 1000.0 / 60, scroll.cpu);
  print_frames (what, "wall", 1.5 * 1000.0 / 60, scroll.wall);
  g_print ("scroll %-22s      CPU %.0f ms in %.0f ms, to %.0f of %.0f px\n", what,
           rounds_bench_thread_cpu_ms () - c0, (g_get_monotonic_time () - w0) / 1000.0,
           gtk_adjustment_get_value (scroll.vadj), gtk_adjustment_get_upper (scroll.vadj));
  {
    gint64 t0 = g_get_monotonic_time ();

    while (count_blank_rows (view) > 0)
      g_main_context_iteration (NULL, TRUE);
    g_print ("scroll %-22s      rows in view waiting: %u of %u frames, at most %u rows;"
             " all shown %.1f ms after the last frame\n", what, scroll.blank_frames,
             n_frames, scroll.blank_max, (g_get_monotonic_time () - t0) / 1000.0);
  }
  g_array_unref (scroll.cpu);
  g_array_unref (scroll.wall);
}

int
main (int   argc,
      char *argv[])
{
  guint n_posts = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-posts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *stack, *page, *other;
  GListModel *shown;
  const char *only;
  gboolean switch_only;
  double c0, longest, total;

  gtk_init ();
  adw_init ();
  show_steps = g_getenv ("BENCH_STEPS") != NULL;
  only = g_getenv ("BENCH_SCROLL_ONLY");
  switch_only = g_getenv ("BENCH_SWITCH_ONLY") != NULL;

  store = rounds_bench_data_open_practice (path, n_posts);
  if (g_getenv ("BENCH_LINKS") != NULL)
    add_links (store);
  context = rounds_context_new (store, FALSE);

  window = gtk_window_new ();
  stack = gtk_stack_new ();
  page = g_object_new (ROUNDS_TYPE_POSTS_PAGE, NULL);
  other = gtk_label_new ("elsewhere");
  gtk_stack_add_named (GTK_STACK (stack), other, "other");
  gtk_stack_add_named (GTK_STACK (stack), page, "posts");
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  drain (NULL);
  {
    GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);
    static const char * const phases[] = { "before-paint", "update", "layout", "paint",
                                            "after-paint" };

    for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
      g_signal_connect (frame_clock, phases[i], G_CALLBACK (on_phase_cb), (gpointer)phases[i]);
  }
  shown = rounds_posts_page_get_model (ROUNDS_POSTS_PAGE (page));

  c0 = rounds_bench_thread_cpu_ms ();
  rounds_posts_page_set_context (ROUNDS_POSTS_PAGE (page), context);
  g_print ("%-44s %8.1f ms\n", "practice given to the hidden page", rounds_bench_thread_cpu_ms () - c0);
  /* The list asks on a worker at once and keeps the answer aside */
  c0 = rounds_bench_thread_cpu_ms ();
  settle (shown, NULL);
  g_print ("%-44s %8.1f ms\n", "its answer kept while hidden", rounds_bench_thread_cpu_ms () - c0);

  /* The page makes its rows in idle time while hidden, after a moment
   * (a user looks at the first place before switching): waited for. */
  {
    GtkWidget *view = rounds_posts_page_get_list_view (ROUNDS_POSTS_PAGE (page));
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    longest = 0;
    c0 = rounds_bench_thread_cpu_ms ();
    while (gtk_widget_get_first_child (view) == NULL && g_get_monotonic_time () < end)
      {
        double s0 = rounds_bench_thread_cpu_ms ();

        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
        longest = MAX (longest, rounds_bench_thread_cpu_ms () - s0);
      }
    drain (&longest);
    g_print ("%-44s %8.1f ms, longest step %.1f ms\n",
             gtk_widget_get_first_child (view) != NULL ? "rows made while hidden"
                                                       : "no rows made while hidden",
             rounds_bench_thread_cpu_ms () - c0, longest);
  }

  /* With GL, the page is then drawn once off screen, in idle steps:
   * waited for (at most 5 s) */
  {
    RoundsWarmUp *warm_up = rounds_posts_page_get_warm_up (ROUNDS_POSTS_PAGE (page));
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    longest = 0;
    c0 = rounds_bench_thread_cpu_ms ();
    while (warm_up != NULL && !rounds_warm_up_get_done (warm_up) &&
           g_get_monotonic_time () < end)
      {
        double s0 = rounds_bench_thread_cpu_ms ();

        g_main_context_iteration (NULL, TRUE);
        note_step (rounds_bench_thread_cpu_ms () - s0);
        longest = MAX (longest, rounds_bench_thread_cpu_ms () - s0);
      }
    drain (&longest);
    if (warm_up != NULL && rounds_warm_up_get_steps (warm_up) > 0)
      g_print ("%-44s %8.1f ms, %u steps, longest %.1f ms\n", "page drawn off screen while hidden",
               rounds_bench_thread_cpu_ms () - c0, rounds_warm_up_get_steps (warm_up), longest);
    else
      g_print ("%-44s\n", "page not drawn off screen while hidden");
  }

  if (only != NULL)
    {
      gtk_stack_set_visible_child (GTK_STACK (stack), page);
      settle (shown, NULL);
      goto scroll;
    }

  for (int round = 0; round < 3; round++)
    {
      longest = 0;
      if (switch_only && round == 0)
        perf_control ("enable");
      c0 = rounds_bench_thread_cpu_ms ();
      gtk_stack_set_visible_child (GTK_STACK (stack), page);
      longest = rounds_bench_thread_cpu_ms () - c0;
      /* Until the page has been drawn: its first frame is part of it */
      for (guint painted = frames_painted; frames_painted == painted;)
        {
          double s0 = rounds_bench_thread_cpu_ms ();

          g_main_context_iteration (NULL, TRUE);
          longest = MAX (longest, rounds_bench_thread_cpu_ms () - s0);
        }
      settle (shown, &longest);
      if (switch_only && round == 0)
        perf_control ("disable");
      g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_posts);
      total = rounds_bench_thread_cpu_ms () - c0;
      g_print ("switch to Posts %d: longest step %8.1f ms, until all %u listed %8.1f ms\n",
               round + 1, longest, g_list_model_get_n_items (shown), total);

      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (rounds_store_get_posts (store),
                                                            n_posts / 2 + round);
        g_autoptr(RoundsPost) copy = rounds_post_copy (post);

        rounds_post_set_title (copy, round % 2 ? "A changed title" : "Another changed title");
        c0 = rounds_bench_thread_cpu_ms ();
        rounds_store_save_post (store, copy, &error);
        g_assert_no_error (error);
        drain (NULL);
        g_print ("%-44s %8.1f ms\n", "one post saved, Posts shown", rounds_bench_thread_cpu_ms () - c0);
      }

      c0 = rounds_bench_thread_cpu_ms ();
      gtk_stack_set_visible_child (GTK_STACK (stack), other);
      drain (NULL);
      g_print ("%-44s %8.1f ms\n", "switch away from Posts", rounds_bench_thread_cpu_ms () - c0);

      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (rounds_store_get_posts (store),
                                                            n_posts / 3 + round);
        g_autoptr(RoundsPost) copy = rounds_post_copy (post);

        rounds_post_set_title (copy, "Changed while hidden");
        c0 = rounds_bench_thread_cpu_ms ();
        rounds_store_save_post (store, copy, &error);
        g_assert_no_error (error);
        drain (NULL);
        g_print ("%-44s %8.1f ms\n", "one post saved, Posts hidden", rounds_bench_thread_cpu_ms () - c0);
      }
    }

  if (switch_only)
    goto done;
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  settle (shown, NULL);
  for (int i = 0; i < 2; i++)
    {
      const char *sort = i == 0 ? "title" : "scheduled";

      gint64 w0 = g_get_monotonic_time ();

      longest = 0;
      c0 = rounds_bench_thread_cpu_ms ();
      rounds_posts_page_set_sort (ROUNDS_POSTS_PAGE (page), sort);
      longest = rounds_bench_thread_cpu_ms () - c0;
      settle (shown, &longest);
      g_print ("sort by %-10s longest step %8.1f ms, in all %8.1f ms (answer after %.0f ms)\n",
               sort, longest, rounds_bench_thread_cpu_ms () - c0, (g_get_monotonic_time () - w0) / 1000.0);
    }

  /* A scroll through the whole list, as the view asks for rows: every
   * item in order, then back up (the list keeps a few hundred rows, so
   * both ways read the posts from the database, a page at a time). */
  for (int pass = 0; pass < 2; pass++)
    {
      guint n = g_list_model_get_n_items (shown);

      c0 = rounds_bench_thread_cpu_ms ();
      for (guint i = 0; i < n; i++)
        {
          guint position = pass == 0 ? i : n - 1 - i;
          g_autoptr(GObject) item = g_list_model_get_item (shown, position);

          g_assert (item != NULL);
        }
      g_print ("scroll %-4s through %u rows           %8.1f ms\n", pass == 0 ? "down" : "up", n,
               rounds_bench_thread_cpu_ms () - c0);
    }

scroll:
  /* A real scroll, at the frame clock */
  for (int rep = 0; rep < 2; rep++)
    {
      if (wants_scroll (only, "rows"))
        measure_scroll (page, SCROLL_ROWS, 300, "two rows a frame");
      if (wants_scroll (only, "pages"))
        measure_scroll (page, SCROLL_PAGES, 300, "a page a frame");
      if (wants_scroll (only, "fling"))
        measure_scroll (page, SCROLL_FLING, 60, "fling to the end, back");
    }

done:
  gtk_window_destroy (GTK_WINDOW (window));
  drain (NULL);
  rounds_store_close (store);
  rounds_bench_remove_dir (dir);
  return 0;
}
