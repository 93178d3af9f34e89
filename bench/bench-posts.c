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
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "rounds-bench-data.h"
#include "rounds-posts-page.h"
#include "rounds-store-post-list.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* BENCH_STEPS=1: every main-loop step over 4 ms of CPU on stderr */
static gboolean show_steps;

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
      double c0 = cpu_ms ();

      g_main_context_iteration (NULL, FALSE);
      note_step (cpu_ms () - c0);
      if (longest != NULL)
        *longest = MAX (*longest, cpu_ms () - c0);
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
      double c0 = cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      note_step (cpu_ms () - c0);
      if (longest != NULL)
        *longest = MAX (*longest, cpu_ms () - c0);
    }
  drain (longest);
}

int
main (int   argc,
      char *argv[])
{
  guint n_posts = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-posts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772460000);  /* 2 March 2026 */
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *stack, *page, *other;
  GListModel *shown;
  double c0, longest, total;
  gint64 t0;

  gtk_init ();
  adw_init ();
  show_steps = g_getenv ("BENCH_STEPS") != NULL;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  if (!rounds_bench_data_fill (store, n_posts, 5, 17, NULL, &error))
    g_error ("generate: %s", error->message);
  g_print ("generated %u posts: %.0f ms\n", n_posts, (g_get_monotonic_time () - t0) / 1000.0);
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
  shown = rounds_posts_page_get_model (ROUNDS_POSTS_PAGE (page));

  c0 = cpu_ms ();
  rounds_posts_page_set_context (ROUNDS_POSTS_PAGE (page), context);
  g_print ("%-44s %8.1f ms\n", "practice given to the hidden page", cpu_ms () - c0);
  /* The list asks on a worker at once and keeps the answer aside */
  c0 = cpu_ms ();
  settle (shown, NULL);
  g_print ("%-44s %8.1f ms\n", "its answer kept while hidden", cpu_ms () - c0);

  for (int round = 0; round < 3; round++)
    {
      longest = 0;
      c0 = cpu_ms ();
      gtk_stack_set_visible_child (GTK_STACK (stack), page);
      longest = cpu_ms () - c0;
      settle (shown, &longest);
      g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_posts);
      total = cpu_ms () - c0;
      g_print ("switch to Posts %d: longest step %8.1f ms, until all %u listed %8.1f ms\n",
               round + 1, longest, g_list_model_get_n_items (shown), total);

      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (rounds_store_get_posts (store),
                                                            n_posts / 2 + round);
        g_autoptr(RoundsPost) copy = rounds_post_copy (post);

        rounds_post_set_title (copy, round % 2 ? "A changed title" : "Another changed title");
        c0 = cpu_ms ();
        rounds_store_save_post (store, copy, &error);
        g_assert_no_error (error);
        drain (NULL);
        g_print ("%-44s %8.1f ms\n", "one post saved, Posts shown", cpu_ms () - c0);
      }

      c0 = cpu_ms ();
      gtk_stack_set_visible_child (GTK_STACK (stack), other);
      drain (NULL);
      g_print ("%-44s %8.1f ms\n", "switch away from Posts", cpu_ms () - c0);

      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (rounds_store_get_posts (store),
                                                            n_posts / 3 + round);
        g_autoptr(RoundsPost) copy = rounds_post_copy (post);

        rounds_post_set_title (copy, "Changed while hidden");
        c0 = cpu_ms ();
        rounds_store_save_post (store, copy, &error);
        g_assert_no_error (error);
        drain (NULL);
        g_print ("%-44s %8.1f ms\n", "one post saved, Posts hidden", cpu_ms () - c0);
      }
    }

  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  settle (shown, NULL);
  for (int i = 0; i < 2; i++)
    {
      const char *sort = i == 0 ? "title" : "scheduled";

      gint64 w0 = g_get_monotonic_time ();

      longest = 0;
      c0 = cpu_ms ();
      rounds_posts_page_set_sort (ROUNDS_POSTS_PAGE (page), sort);
      longest = cpu_ms () - c0;
      settle (shown, &longest);
      g_print ("sort by %-10s longest step %8.1f ms, in all %8.1f ms (answer after %.0f ms)\n",
               sort, longest, cpu_ms () - c0, (g_get_monotonic_time () - w0) / 1000.0);
    }

  /* A scroll through the whole list, as the view asks for rows: every
   * item in order, then back up (the list keeps a few hundred rows, so
   * both ways read the posts from the database, a page at a time). */
  for (int pass = 0; pass < 2; pass++)
    {
      guint n = g_list_model_get_n_items (shown);

      c0 = cpu_ms ();
      for (guint i = 0; i < n; i++)
        {
          guint position = pass == 0 ? i : n - 1 - i;
          g_autoptr(GObject) item = g_list_model_get_item (shown, position);

          g_assert (item != NULL);
        }
      g_print ("scroll %-4s through %u rows           %8.1f ms\n", pass == 0 ? "down" : "up", n,
               cpu_ms () - c0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  drain (NULL);
  rounds_store_close (store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }
  return 0;
}
