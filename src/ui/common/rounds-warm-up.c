/* rounds-warm-up.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-warm-up"

#include "config.h"

#include <time.h>

#include "rounds-warm-up.h"

/* With the GL renderer, the first frame that shows a page pays for
 * everything GL meets there for the first time: every glyph of its text
 * rasterized and uploaded into GSK's atlas, and Mesa's llvmpipe
 * compiling the shader variants its pills, borders and rows need (~31 ms
 * of the main thread for the Posts page). A hidden stack page is
 * neither allocated nor drawn by GTK 4.8, so here it is, once, in idle
 * steps while another page shows:
 *
 *   1. the page is made child-visible for a moment (its stack draws its
 *      visible child only, and no frame comes before the page is hidden
 *      again), given the stack's size and drawn into a render node;
 *   2. that node is rendered through the window's own renderer into
 *      textures, a few tiles of the page per step, so that no step takes
 *      a frame's time; each texture is let go at once.
 *
 * The glyphs and shaders warmed are the ones the page's first frame
 * would make anyway. Nothing is done with the cairo renderer (it keeps
 * no glyph atlas and compiles nothing), nor once the page was shown. */

/* Between two steps: the frames of the page on screen come first */
#define STEP_MS 24
/* The first step waits for the window to be idle a little longer */
#define FIRST_STEP_MS 100
/* The page is rendered in square tiles, as many per step as fit in this
 * much of the main thread's time; in passes of larger tiles, then whole
 * (0): small tiles spread the glyphs and most shader variants over many
 * steps, larger ones then meet what a tile's edge hid (a rounded clip
 * cut by it), by when little is left to compile. */
static const int tile_sizes[] = { 32, 128, 0 };
#define STEP_BUDGET_MS 4.0

struct _RoundsWarmUp
{
  GtkWidget     *page;      /* weak */
  GskRenderNode *node;      /* the page as drawn, while its tiles are rendered */
  int            width;
  int            height;
  guint          pass;      /* index in tile_sizes */
  int            x;         /* the next tile's left… */
  int            y;         /* …and top */
  guint          steps;
  guint          source;
  gboolean       done;
};

/* The page mapped for the warm-up at this moment, or NULL */
static GtkWidget *drawing;

static gboolean step_cb (gpointer data);

/* The main thread's CPU time in ms, for the debug log */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
finish (RoundsWarmUp *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_handle_id (&self->source, g_source_remove);
  self->done = TRUE;
}

static void
schedule (RoundsWarmUp *self,
          guint         ms)
{
  self->source = g_timeout_add_full (G_PRIORITY_LOW, ms, step_cb, self, NULL);
}

/* The renderer of the page's window, if it is one that gains from this */
static GskRenderer *
page_renderer (GtkWidget *page)
{
  GtkNative *native = gtk_widget_get_native (page);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    return NULL;
  return renderer;
}

/* Step 1: the page laid out at its stack's size and drawn into a node. */
static GskRenderNode *
draw_page (RoundsWarmUp *self)
{
  GtkWidget *page = self->page;
  GtkWidget *parent = gtk_widget_get_parent (page);
  GtkSnapshot *snapshot;
  int min;

  self->width = gtk_widget_get_width (parent);
  self->height = gtk_widget_get_height (parent);

  drawing = page;
  gtk_widget_set_child_visible (page, TRUE);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  self->width = MAX (self->width, min);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, self->width, &min, NULL, NULL, NULL);
  self->height = MAX (self->height, min);
  gtk_widget_size_allocate (page, &(GtkAllocation) { 0, 0, self->width, self->height }, -1);
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (parent, page, snapshot);
  gtk_widget_set_child_visible (page, FALSE);
  drawing = NULL;

  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
step_cb (gpointer data)
{
  RoundsWarmUp *self = data;
  GtkWidget *parent;
  GskRenderer *renderer;

  self->source = 0;
  parent = self->page != NULL ? gtk_widget_get_parent (self->page) : NULL;
  renderer = self->page != NULL ? page_renderer (self->page) : NULL;
  /* Gone, shown meanwhile (its own first frame did the work), or its
   * window not on screen: nothing to gain */
  if (parent == NULL || renderer == NULL || gtk_widget_get_child_visible (self->page) ||
      !gtk_widget_get_mapped (parent) || gtk_widget_get_width (parent) <= 0)
    {
      finish (self);
      return G_SOURCE_REMOVE;
    }

  self->steps++;
  if (self->node == NULL)
    {
      double c0 = thread_cpu_ms ();

      self->node = draw_page (self);
      self->x = self->y = 0;
      self->pass = 0;
      g_debug ("%s drawn at %d×%d: %.1f ms", G_OBJECT_TYPE_NAME (self->page), self->width,
               self->height, thread_cpu_ms () - c0);
      if (self->node == NULL)
        finish (self);
      else
        schedule (self, STEP_MS);
      return G_SOURCE_REMOVE;
    }

  /* Tiles, left to right, top to bottom, until this step has taken
   * its share of a frame: most tiles find their glyphs and shaders
   * ready and cost little; one that meets new ones costs more */
  {
    double c0 = thread_cpu_ms ();
    guint tiles = 0;

    while (self->pass < G_N_ELEMENTS (tile_sizes) && thread_cpu_ms () - c0 < STEP_BUDGET_MS)
      {
        int size = tile_sizes[self->pass] > 0 ? tile_sizes[self->pass]
                                              : MAX (self->width, self->height);
        graphene_rect_t tile = GRAPHENE_RECT_INIT (self->x, self->y,
                                                   MIN (size, self->width - self->x),
                                                   MIN (size, self->height - self->y));
        GdkTexture *texture = gsk_renderer_render_texture (renderer, self->node, &tile);

        g_object_unref (texture);
        tiles++;
        self->x += size;
        if (self->x >= self->width)
          {
            self->x = 0;
            self->y += size;
          }
        if (self->y >= self->height)
          {
            self->y = 0;
            self->pass++;
          }
      }
    g_debug ("%s: %u tiles rendered, %.1f ms", G_OBJECT_TYPE_NAME (self->page), tiles,
             thread_cpu_ms () - c0);
  }
  if (self->pass < G_N_ELEMENTS (tile_sizes))
    schedule (self, STEP_MS);
  else
    finish (self);
  return G_SOURCE_REMOVE;
}

/**
 * rounds_warm_up_new:
 * @page: a page of a stack, hidden (not its visible child)
 *
 * Starts drawing @page off screen in idle steps (see above). Free the
 * result to stop.
 *
 * Returns: (transfer full): the warm-up
 */
RoundsWarmUp *
rounds_warm_up_new (GtkWidget *page)
{
  RoundsWarmUp *self;

  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);

  self = g_new0 (RoundsWarmUp, 1);
  self->page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&self->page);
  schedule (self, FIRST_STEP_MS);
  return self;
}

void
rounds_warm_up_free (RoundsWarmUp *self)
{
  if (self == NULL)
    return;
  finish (self);
  if (self->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->page), (gpointer *)&self->page);
  g_free (self);
}

/**
 * rounds_warm_up_get_done:
 *
 * Returns: whether the warm-up has ended (drawn, or found nothing to do)
 */
gboolean
rounds_warm_up_get_done (RoundsWarmUp *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->done;
}

/**
 * rounds_warm_up_get_steps:
 *
 * Returns: the steps it took: 0 if nothing was drawn
 */
guint
rounds_warm_up_get_steps (RoundsWarmUp *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->steps;
}

/**
 * rounds_warm_up_get_drawing:
 *
 * Returns: (transfer none) (nullable): the page mapped for a warm-up at
 *   this moment: its "map" and "unmap" are not a user's switch
 */
GtkWidget *
rounds_warm_up_get_drawing (void)
{
  return drawing;
}
